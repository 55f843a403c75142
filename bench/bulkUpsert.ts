// Bulk upsert of 100,000+ real daily bars on both engines, printing rows/s.
// The 11 files in ../shared/data/daily are replicated under synthetic tickers (AAPL, AAPL_1, …) to reach the size.
// PostgreSQL runs when TEST_DATABASE_URL or DATABASE_URL is set, in a scratch database that is dropped afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bar } from '../core/bars.ts';
import { openDatabase, type DatabaseTarget } from '../storage/database.ts';
import { createPriceRepo } from '../storage/repos/priceRepo.ts';
import { parseBarsCsv } from '../pipeline/sources/parseBarsCsv.ts';
import { withScratchServerDatabase } from './scratchDatabase.ts';

const DAILY = fileURLToPath(new URL('../../shared/data/daily/', import.meta.url));
const COPIES = Number(process.env.BENCH_COPIES ?? 2);

interface Series {
  ticker: string;
  bars: Bar[];
}

function loadSeries(): Series[] {
  const files = fs.readdirSync(DAILY).filter((f) => f.endsWith('.csv')).sort();
  const originals = files.map((f) => ({ ticker: f.slice(0, -4), bars: parseBarsCsv(fs.readFileSync(path.join(DAILY, f), 'utf8'), f).bars }));
  const series: Series[] = [];
  for (let copy = 0; copy < COPIES; copy++) {
    for (const s of originals) series.push({ ticker: copy === 0 ? s.ticker : `${s.ticker}_${copy}`, bars: s.bars });
  }
  return series;
}

async function measure(label: string, target: DatabaseTarget, series: Series[]): Promise<void> {
  const database = await openDatabase(target, { migrate: true });
  try {
    const prices = createPriceRepo(database.db);
    const rows = series.reduce((n, s) => n + s.bars.length, 0);
    // Third pass: every 100th bar revised, as when a source corrects history.
    const revised = series.map((s) => ({ ...s, bars: s.bars.map((bar, i) => (i % 100 === 0 ? { ...bar, close: bar.close * 1.001 } : bar)) }));
    const passes: [string, Series[]][] = [['first load', series], ['re-load (no change)', series], ['re-load (1% revised)', revised]];
    for (const [pass, input] of passes) {
      const started = performance.now();
      let written = 0;
      for (const s of input) {
        const counts = await prices.upsertBars(s.ticker, '1d', s.bars);
        written += counts.added + counts.updated;
      }
      const seconds = (performance.now() - started) / 1000;
      console.log(`${label.padEnd(10)} ${pass.padEnd(21)} ${rows} rows in ${seconds.toFixed(2)} s = ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s (${written} written)`);
    }
  } finally {
    await database.close();
  }
}

export async function runBulkUpsertBench(): Promise<void> {
  const series = loadSeries();
  console.log(`${series.length} series, ${series.reduce((n, s) => n + s.bars.length, 0)} daily bars, one transaction per series`);

  const serverUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  if (serverUrl) {
    await withScratchServerDatabase(serverUrl, (url) => measure('postgres', { engine: 'postgres', url }, series));
  } else {
    console.log('postgres   skipped: set TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bench-'));
  try {
    await measure('pglite', { engine: 'pglite', dataDir: dir }, series);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
