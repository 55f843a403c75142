import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { loadConfig } from '../../app/config.ts';
import { createApp, type App } from '../../app/wiring.ts';
import type { JobName, JobRun } from '../../core/jobs.ts';
import { newYorkDate } from '../../scheduler/marketClock.ts';
import { startScheduler, type Scheduler } from '../../scheduler/startScheduler.ts';
import { openDatabase } from '../../storage/database.ts';
import { waitFor } from '../support/waitFor.ts';
import { ENGINES, TEST_DATABASE_URL, createTempDatabase, dropTempDatabase, openTestDatabase } from '../support/engines.ts';
import { DAILY_DIR, dailyTickers, readDaily } from '../support/sharedData.ts';

const BASE_ENV = {
  TICKCAST_TICKERS: 'AAPL,KO',
  TICKCAST_INGEST_SOURCE: `csv:${DAILY_DIR}`,
  TICKCAST_JOB_POLL_SECONDS: '0.2',
  TICKCAST_JOB_ATTEMPTS: '2',
  TICKCAST_JOB_RETRY_SECONDS: '1',
  TICKCAST_OPS_CHANNEL: 'slack:COPS',
  TICKCAST_DATA_DIR: '/nonexistent-tickcast-test',
};


const finished = (app: App, job: JobName, count = 1) =>
  waitFor(`${count} finished ${job} run(s)`, async () => {
    const runs = (await app.store.jobRuns.list({ job, limit: 100 })).filter((run) => run.state !== 'running');
    return runs.length >= count ? runs : undefined;
  });

describe.each(ENGINES)('the scheduler on $name', (engine) => {
  const open: { app: App; scheduler: Scheduler }[] = [];
  afterEach(async () => {
    for (const { app, scheduler } of open.splice(0)) {
      await scheduler.stop(0);
      await app.close();
    }
  });

  async function start(env: Record<string, string> = {}, options: { clock?: () => Date } = {}) {
    const database = await openTestDatabase(engine);
    const app = await createApp(loadConfig({ ...BASE_ENV, ...env }), pino({ level: 'silent' }), { database });
    const scheduler = await startScheduler(app, { work: true, schedule: true, ...options });
    open.push({ app, scheduler });
    return { app, scheduler };
  }

  it('writes every configured schedule, and removes one switched off', async () => {
    const { app } = await start({ TICKCAST_SCHEDULE_INGEST_INTRADAY: 'off' });
    const recurring = (await app.store.schedule.list()).filter((job) => job.cron !== null);
    expect(recurring.map((job) => [job.name, job.cron]).sort()).toEqual([
      ['forecast-daily', '0 17 * * 1-5'], ['housekeeping', '15 * * * *'], ['ingest-daily', '30 16 * * 1-5'],
      ['registry-retention', '30 3 * * *'], ['report-daily', '0 7 * * 1-5'], ['retrain', '0 6 * * 6'],
    ]);
    for (const job of recurring) expect(job.nextRunAt!.getTime()).toBeGreaterThan(Date.now());
  });

  it('ingests the watchlist from the configured source, checks features, and chains the day\'s forecast', async () => {
    const { app, scheduler } = await start();
    await scheduler.enqueue('ingest-daily');
    const [ingested] = await finished(app, 'ingest-daily');
    expect(ingested).toMatchObject({ state: 'succeeded', trigger: 'manual', attempt: 1 });
    const summary = ingested!.summary as { ingested: string[]; barsAdded: number; features: Record<string, { rows: number; last: string }> };
    expect(summary.ingested.sort()).toEqual(['AAPL', 'KO']);
    expect(summary.barsAdded).toBe(readDaily('AAPL').length + readDaily('KO').length);
    expect(summary.features.AAPL!.last).toBe(readDaily('AAPL').at(-1)!.ts.toISOString().slice(0, 10));
    expect(await app.store.prices.countBars('KO', '1d')).toBe(readDaily('KO').length);

    const [forecast] = await finished(app, 'forecast-daily');
    expect(forecast).toMatchObject({ state: 'succeeded', trigger: 'chained', runKey: `forecast-daily:${newYorkDate(forecast!.startedAt)}` });
    const stored = await app.store.forecasts.recent({ limit: 10 });
    expect(stored.map((f) => f.ticker).sort()).toEqual(['AAPL', 'KO']);
    // The day's scheduled forecast is the same instance: asked again, it does not run twice.
    await scheduler.enqueue('forecast-daily', { trigger: 'chained' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await app.store.jobRuns.list({ job: 'forecast-daily' })).toHaveLength(1);
  });

  it('retries a failing job with backoff, then reports it once to the ops channel and stops retrying', async () => {
    const { app, scheduler } = await start({ TICKCAST_INGEST_SOURCE: 'csv:/no/such/folder' });
    await scheduler.enqueue('ingest-daily');
    const runs = await finished(app, 'ingest-daily', 2);
    expect(runs.map((run: JobRun) => [run.state, run.attempt])).toEqual([['failed', 2], ['failed', 1]]);
    expect(runs[0]!.runKey).toBe(runs[1]!.runKey);
    expect(runs[0]!.startedAt.getTime() - runs[1]!.finishedAt!.getTime()).toBeGreaterThanOrEqual(900);
    expect(runs[0]!.error).toMatch(/no\/such\/folder/);
    const notices = await app.store.outbox.list({ keyPrefix: 'ops:' });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: { surface: 'slack', channelId: 'COPS' }, body: { kind: 'notice', severity: 'error', title: 'Job ingest-daily failed 2 times' } });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(await app.store.jobRuns.list({ job: 'ingest-daily' })).toHaveLength(2);
    expect(await app.store.prices.countBars()).toBe(0);
  });

  it('on stop, hands a running job back: its lock is released at once and another worker finishes it', async () => {
    const database = await openTestDatabase(engine);
    const app = await createApp(loadConfig({ ...BASE_ENV, TICKCAST_TICKERS: dailyTickers().join(',') }), pino({ level: 'silent' }), { database });
    const first = await startScheduler(app, { work: true, schedule: false, worker: 'first:1' });
    await first.enqueue('ingest-daily', { trigger: 'chained' });
    await waitFor('the ingest under way', async () => ((await app.store.runs.list({ limit: 5 })).length > 0 ? true : undefined));
    const stopped = await first.stop(0);
    expect(stopped.handedBack).toBe(1);
    const [handed] = await app.store.jobRuns.list({ job: 'ingest-daily' });
    expect(handed).toMatchObject({ state: 'interrupted', worker: 'first:1', error: expect.stringMatching(/handed back/) });
    expect((await app.store.schedule.list()).filter((job) => job.name === 'ingest-daily' && job.lockedAt !== null)).toEqual([]);

    const second = await startScheduler(app, { work: true, schedule: false, worker: 'second:2' });
    open.push({ app, scheduler: second });
    const runs = await waitFor('the second worker to finish it', async () => {
      const listed = await app.store.jobRuns.list({ job: 'ingest-daily' });
      return listed.some((run) => run.state === 'succeeded') ? listed : undefined;
    });
    expect(runs.map((run) => [run.worker, run.state, run.attempt])).toEqual([['second:2', 'succeeded', 2], ['first:1', 'interrupted', 1]]);
    for (const ticker of dailyTickers()) expect(await app.store.prices.countBars(ticker, '1d'), ticker).toBe(readDaily(ticker).length);
  }, 180_000);

  it('skips an intraday ingest when the CSV drop folder holds no intraday series', async () => {
    const { app, scheduler } = await start();
    await scheduler.enqueue('ingest-intraday');
    const [run] = await finished(app, 'ingest-intraday');
    expect(run).toMatchObject({ state: 'skipped', summary: { reason: expect.stringMatching(/no 1h series/) } });
  });

  it('skips a scheduled run on an exchange holiday and records why', async () => {
    const thanksgiving = new Date('2026-11-26T21:30:00Z');
    const { app, scheduler } = await start({}, { clock: () => thanksgiving });
    await scheduler.enqueue('ingest-daily', { trigger: 'schedule' });
    const [run] = await finished(app, 'ingest-daily');
    expect(run).toMatchObject({ state: 'skipped', runKey: 'ingest-daily:2026-11-26', summary: { reason: 'NYSE is closed on 2026-11-26 (Thanksgiving Day)' } });
    expect(await app.store.prices.countBars()).toBe(0);
  });
});

describe.runIf(TEST_DATABASE_URL)('two workers on one PostgreSQL', () => {
  it('run every job instance exactly once between them', async () => {
    const url = await createTempDatabase();
    const opened: { app: App; scheduler: Scheduler }[] = [];
    try {
      for (const worker of ['worker-a:1', 'worker-b:2']) {
        const database = await openDatabase({ engine: 'postgres', url }, { migrate: true });
        const app = await createApp(loadConfig({ ...BASE_ENV, DATABASE_URL: url }), pino({ level: 'silent' }), { database });
        opened.push({ app, scheduler: await startScheduler(app, { work: true, schedule: false, worker }) });
      }
      const [a, b] = opened;
      const enqueued = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a! : b!).scheduler.enqueue('housekeeping')));
      const ids = enqueued.map((job) => job.id);
      expect(enqueued.map((job) => job.runKey)).toEqual(ids.map((id) => `housekeeping:manual:${id}`));
      const runs = await finished(a!.app, 'housekeeping', 40);
      expect(runs).toHaveLength(40);
      expect(new Set(runs.map((run) => run.runKey))).toEqual(new Set(ids.map((id) => `housekeeping:manual:${id}`)));
      expect(runs.every((run) => run.state === 'succeeded' && run.attempt === 1)).toBe(true);
      expect(new Set(runs.map((run) => run.worker))).toEqual(new Set(['worker-a:1', 'worker-b:2']));
      // The same instance asked of both at once (a chained run), still runs once.
      await Promise.all([a!.scheduler.enqueue('registry-retention', { trigger: 'chained' }), b!.scheduler.enqueue('registry-retention', { trigger: 'chained' })]);
      await finished(a!.app, 'registry-retention');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await a!.app.store.jobRuns.list({ job: 'registry-retention' })).toHaveLength(1);
    } finally {
      for (const { app, scheduler } of opened) {
        await scheduler.stop(0);
        await app.close();
      }
      await dropTempDatabase(url);
    }
  }, 120_000);
});
