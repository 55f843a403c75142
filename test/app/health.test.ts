import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.ts';
import type { HealthOptions, HealthReport } from '../../app/health.ts';
import { startHttpServer, type HttpServer } from '../../app/httpServer.ts';
import { createLogger } from '../../app/logger.ts';
import { createApp, type App } from '../../app/wiring.ts';
import { ENGINES, openTestDatabase, type TestEngine } from '../support/engines.ts';

interface Served {
  app: App;
  server: HttpServer;
  get(): Promise<{ status: number; body: HealthReport }>;
  close(): Promise<void>;
}

async function serve(engine: TestEngine, health: HealthOptions = {}): Promise<Served> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-health-'));
  const app = await createApp(loadConfig({ TICKCAST_DATA_DIR: dataDir }, dataDir), createLogger('silent'), { database: await openTestDatabase(engine) });
  const server = await startHttpServer(app, 0, { host: '127.0.0.1', health });
  return {
    app,
    server,
    async get() {
      const response = await fetch(`${server.url}/healthz`);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      return { status: response.status, body: (await response.json()) as HealthReport };
    },
    async close() {
      await server.close();
      await app.close().catch(() => {});
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const ago = (seconds: number) => new Date(Date.now() - seconds * 1000).toISOString();

describe.each(ENGINES)('/healthz on $name', (engine) => {
  let served: Served;
  beforeAll(async () => {
    served = await serve(engine, { expectedJobs: ['ingest-daily', 'report-daily'], staleIngestSeconds: 4 * 86_400 });
  });
  afterAll(() => served.close());
  afterEach(async () => {
    await served.app.database.rows(sql`delete from agenda_jobs`);
    await served.app.database.rows(sql`delete from ingestion_runs`);
  });

  async function addJob(name: string, nextRunSecondsAgo: number, options: { locked?: boolean; repeat?: boolean } = {}): Promise<void> {
    await served.app.database.rows(sql`insert into agenda_jobs (name, next_run_at, locked_at, repeat_interval)
      values (${name}, ${ago(nextRunSecondsAgo)}::timestamptz, ${options.locked ? ago(5) : null}::timestamptz, ${options.repeat === false ? null : '1 day'})`);
  }

  async function addIngest(ticker: string, finishedSecondsAgo: number, status = 'succeeded'): Promise<void> {
    await served.app.database.rows(sql`insert into ingestion_runs (ticker, interval, source, status, started_at, finished_at)
      values (${ticker}, '1d', 'csv:test', ${status}, ${ago(finishedSecondsAgo + 5)}::timestamptz, ${ago(finishedSecondsAgo)}::timestamptz)`);
  }

  it('a brand-new database is ok: nothing scheduled yet (unknown) and nothing ingested yet (none) are not failures', async () => {
    const { status, body } = await served.get();
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      reasons: [],
      database: { engine: engine.name, ok: true },
      scheduler: { status: 'unknown', jobs: [], missing: [] },
      lastIngest: { status: 'none', ticker: null, ageSeconds: null, staleAfterSeconds: 4 * 86_400 },
    });
    expect(body.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(Math.abs(Date.parse(body.checkedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('the newest successful ingestion decides freshness; older than the limit is degraded with the reason', async () => {
    await addIngest('AAPL', 5 * 86_400);
    await addIngest('MSFT', 4.5 * 86_400);
    await addIngest('TSLA', 60, 'failed');
    const stale = await served.get();
    expect(stale.status).toBe(200);
    expect(stale.body.status).toBe('degraded');
    expect(stale.body.lastIngest).toMatchObject({ status: 'stale', ticker: 'MSFT', interval: '1d' });
    expect(stale.body.lastIngest.ageSeconds).toBeGreaterThanOrEqual(4.5 * 86_400);
    expect(stale.body.reasons).toHaveLength(1);
    expect(stale.body.reasons[0]).toMatch(/^lastIngest: the newest successful ingestion \(MSFT 1d, .*\) is \d+ s old \(limit 345600 s\)$/);

    await addIngest('NVDA', 3 * 86_400);
    const fresh = await served.get();
    expect(fresh.body).toMatchObject({ status: 'ok', reasons: [], lastIngest: { status: 'ok', ticker: 'NVDA' } });
  });

  it('the scheduler is ok while its recurring jobs exist and none waits past the limit without a worker', async () => {
    await addJob('ingest-daily', -3600);
    await addJob('report-daily', 120);
    await addJob('retrain', 3 * 3600, { locked: true });
    const ok = await served.get();
    expect(ok.body).toMatchObject({ status: 'ok', scheduler: { status: 'ok', missing: [] } });
    expect(ok.body.scheduler.jobs.map((job) => [job.name, job.due, job.running])).toEqual([['ingest-daily', 0, 0], ['report-daily', 1, 0], ['retrain', 0, 1]]);

    // Due twenty minutes ago and nobody took it: the workers are gone or stuck.
    await addJob('housekeeping', 20 * 60, { repeat: false });
    const overdue = await served.get();
    expect(overdue.status).toBe(200);
    expect(overdue.body.status).toBe('degraded');
    expect(overdue.body.scheduler.status).toBe('overdue');
    expect(overdue.body.reasons).toEqual([expect.stringMatching(/^scheduler: housekeeping has been due for \d+ s with no worker taking it \(limit 600 s\)$/)]);
  });

  it('a recurring job the scheduler should keep, missing once others exist, is degraded', async () => {
    await addJob('ingest-daily', -3600);
    const { body } = await served.get();
    expect(body).toMatchObject({ status: 'degraded', scheduler: { status: 'missing', missing: ['report-daily'] }, reasons: ['scheduler: report-daily is not scheduled'] });
  });

  it('a failing check degrades the answer and names the check', async () => {
    await served.app.database.rows(sql`alter table agenda_jobs rename to agenda_jobs_away`);
    try {
      const { status, body } = await served.get();
      expect(status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.scheduler.status).toBe('error');
      expect(body.reasons).toEqual([expect.stringMatching(/^scheduler: .*agenda_jobs/)]);
    } finally {
      await served.app.database.rows(sql`alter table agenda_jobs_away rename to agenda_jobs`);
    }
  });
});

describe.each(ENGINES)('/healthz with the database gone on $name', (engine) => {
  it('answers 503, down, with the reason', async () => {
    const served = await serve(engine);
    try {
      expect((await served.get()).status).toBe(200);
      await served.app.database.close();
      const { status, body } = await served.get();
      expect(status).toBe(503);
      expect(body).toMatchObject({ status: 'down', database: { engine: engine.name, ok: false, latencyMs: null }, scheduler: { status: 'unknown' }, lastIngest: { status: 'unknown' } });
      expect(body.reasons).toEqual([expect.stringMatching(/^database: ./)]);
    } finally {
      await served.close();
    }
  });
});
