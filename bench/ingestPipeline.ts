// Ingest + quality gate + features for all 11 real daily files (../shared/data/daily), on PostgreSQL (when
// TEST_DATABASE_URL or DATABASE_URL is set) and on PGlite. Issue target: under 10 s on PostgreSQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../storage/database.ts';
import { openDatabase } from '../storage/database.ts';
import { createStore } from '../storage/store.ts';
import { ingest } from '../pipeline/ingest/ingest.ts';
import { planIngest } from '../pipeline/ingest/planIngest.ts';
import { computeFeatures } from '../pipeline/features/index.ts';
import { withScratchServerDatabase } from './scratchDatabase.ts';

const DAILY = fileURLToPath(new URL('../../shared/data/daily/', import.meta.url));

async function measure(label: string, target: DatabaseTarget): Promise<void> {
  const database = await openDatabase(target, { migrate: true });
  try {
    const store = createStore(database.db);
    const plan = await planIngest({ source: `csv:${DAILY}` }, { watchlist: [] });
    for (const pass of ['first run', 'second run']) {
      const started = performance.now();
      const { runs } = await ingest(plan.source, plan.requests, { store });
      const ingested = performance.now();
      let rows = 0;
      for (const run of runs) rows += computeFeatures(await store.prices.listBars(run.ticker, run.interval)).length;
      const seconds = (performance.now() - started) / 1000;
      const bars = runs.reduce((n, run) => n + run.rows, 0);
      console.log(`${label.padEnd(9)} ${pass.padEnd(11)} ${runs.length} series, ${bars} bars: ingest+quality ${((ingested - started) / 1000).toFixed(2)} s, + features (${rows} rows) = ${seconds.toFixed(2)} s`);
    }
  } finally {
    await database.close();
  }
}

export async function runIngestPipelineBench(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) await withScratchServerDatabase(serverUrl, (url) => measure('postgres', { engine: 'postgres', url }));
  else console.log('postgres  skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bench-'));
  try {
    await measure('pglite', { engine: 'pglite', dataDir: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
