import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.ts';
import { createApp, type App } from '../../app/wiring.ts';
import type { JobName, JobRun } from '../../core/jobs.ts';
import { startScheduler, type Scheduler } from '../../scheduler/startScheduler.ts';
import { openDatabase } from '../../storage/database.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtpServer.ts';
import { BIN } from '../support/cli.ts';
import { waitFor } from '../support/waitFor.ts';
import { TEST_DATABASE_URL, createTempDatabase, dropTempDatabase } from '../support/engines.ts';
import { DAILY_DIR, dailyTickers, readDaily } from '../support/sharedData.ts';

/**
 * kill -9 of a worker in the middle of a job, then a second worker: the instance is taken over once the dead
 * worker's lock lapses, runs to completion exactly once, and leaves no partial rows, files or duplicated deliveries.
 * Real processes (`tickcast start --role worker`) on one PostgreSQL.
 */
// Short enough for a quick takeover, long enough that heartbeats (a third of it) keep up on a loaded 2-core machine.
const LOCK_SECONDS = 10;

/** Worker processes start through tsx and train for real: their steps get minutes, not the default minute. */
const waitLong = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, 240_000);

interface Worker {
  child: ChildProcess;
  log: () => string;
}


describe.runIf(TEST_DATABASE_URL)('crash recovery of jobs (kill -9 of a worker)', () => {
  let url: string;
  let app: App;
  let enqueuer: Scheduler;
  let smtp: FakeSmtpServer;
  let dataDir: string;
  let smallData: string;
  const workers: Worker[] = [];
  const env = () => ({
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    DATABASE_URL: url,
    TICKCAST_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'info',
    TICKCAST_TICKERS: dailyTickers().join(','),
    TICKCAST_INGEST_SOURCE: `csv:${DAILY_DIR}`,
    TICKCAST_JOB_LOCK_SECONDS: String(LOCK_SECONDS),
    TICKCAST_JOB_POLL_SECONDS: '0.3',
    SMTP_URL: smtp.url(),
  });

  function startWorker(extra: Record<string, string> = {}): Worker {
    const child = spawn(process.execPath, [BIN, 'start', '--role', 'worker'], { env: { ...env(), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout!.on('data', (chunk: Buffer) => (log += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk));
    const worker = { child, log: () => log };
    workers.push(worker);
    return worker;
  }

  const killHard = async (worker: Worker) => {
    const exited = new Promise((resolve) => worker.child.once('exit', resolve));
    worker.child.kill('SIGKILL');
    await exited;
  };

  const runsOf = (job: JobName) => app.store.jobRuns.list({ job, limit: 50 });
  const runningRun = (job: JobName) => waitLong(`a running ${job}`, async () => (await runsOf(job)).find((run) => run.state === 'running'));
  const settled = (job: JobName, runKey: string) =>
    waitLong(`${runKey} to succeed`, async () => {
      const runs = (await runsOf(job)).filter((run) => run.runKey === runKey);
      return runs.some((run) => run.state === 'succeeded') ? runs : undefined;
    });

  beforeAll(async () => {
    url = await createTempDatabase();
    smtp = await startFakeSmtpServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-crash-'));
    // A short history of two real series, so that a retrain takes seconds rather than minutes.
    smallData = path.join(dataDir, 'small');
    fs.mkdirSync(smallData);
    for (const ticker of ['AAPL', 'KO']) {
      const lines = fs.readFileSync(path.join(DAILY_DIR, `${ticker}.csv`), 'utf8').trimEnd().split('\n');
      fs.writeFileSync(path.join(smallData, `${ticker}.csv`), [lines[0], ...lines.slice(-1500)].join('\n') + '\n');
    }
    const database = await openDatabase({ engine: 'postgres', url }, { migrate: true });
    app = await createApp(loadConfig({ DATABASE_URL: url, TICKCAST_DATA_DIR: dataDir }), pino({ level: 'silent' }), { database });
    enqueuer = await startScheduler(app, { work: false, schedule: false });
  }, 60_000);

  // A test that fails part-way must not leave a worker behind to take the next test's jobs.
  afterEach(async () => {
    await Promise.all(workers.splice(0).filter((w) => w.child.exitCode === null && w.child.signalCode === null).map((w) => killHard(w)));
  });

  afterAll(async () => {
    await enqueuer?.stop(0);
    await app?.close();
    await smtp?.close();
    if (url) await dropTempDatabase(url);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('ingestion: the second worker finishes the day\'s ingest; every series is there once, whole', async () => {
    const first = startWorker();
    await enqueuer.enqueue('ingest-daily', { trigger: 'chained' });
    const dying = await runningRun('ingest-daily');
    // Kill it part-way: some series are in, the rest not yet.
    await waitLong('a few series in', async () => ((await app.store.runs.list({ limit: 50 })).filter((r) => r.status === 'succeeded').length >= 3 ? true : undefined));
    await killHard(first);
    const partway = (await app.store.runs.list({ limit: 50 })).filter((r) => r.status === 'succeeded').length;
    expect(partway).toBeLessThan(dailyTickers().length);

    const second = startWorker();
    const runs = await settled('ingest-daily', dying.runKey);
    expect(runs.map((run: JobRun) => [run.state, run.attempt])).toEqual([['succeeded', 2], ['interrupted', 1]]);
    expect(runs[0]!.worker).not.toBe(runs[1]!.worker);
    for (const ticker of dailyTickers()) expect(await app.store.prices.countBars(ticker, '1d'), ticker).toBe(readDaily(ticker).length);
    const ingestRuns = await app.store.runs.list({ limit: 100 });
    expect(ingestRuns.filter((r) => r.status === 'running')).toEqual([]);
    // Each series was added once: the second worker's runs of series the first had loaded added nothing.
    for (const ticker of dailyTickers()) {
      const added = ingestRuns.filter((r) => r.ticker === ticker && r.status === 'succeeded').reduce((n, r) => n + r.rowsAdded, 0);
      expect(added, ticker).toBe(readDaily(ticker).length);
    }
    await settled('forecast-daily', `forecast-daily:${runs[0]!.runKey.split(':')[1]}`);
    await killHard(second);
  }, 300_000);

  it('training: the retrain is run again to completion; one version is stored, no partial one', async () => {
    await app.database.rows(sql`truncate bars, ingestion_runs, quality_findings, forecasts, model_signals cascade`);
    const first = startWorker({ TICKCAST_INGEST_SOURCE: `csv:${smallData}`, TICKCAST_TICKERS: 'AAPL,KO' });
    await enqueuer.enqueue('ingest-daily', { trigger: 'manual' });
    await waitLong('the small data', async () => ((await app.store.prices.countBars()) === 3000 ? true : undefined));
    await enqueuer.enqueue('retrain', { trigger: 'chained' });
    const dying = await runningRun('retrain');
    await waitLong('training under way', async () => (/Retraining[ :(]/.test(first.log()) ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await killHard(first);
    expect(await app.store.models.list()).toEqual([]);

    const second = startWorker({ TICKCAST_INGEST_SOURCE: `csv:${smallData}`, TICKCAST_TICKERS: 'AAPL,KO' });
    const runs = await settled('retrain', dying.runKey);
    expect(runs.map((run: JobRun) => [run.state, run.attempt])).toEqual([['succeeded', 2], ['interrupted', 1]]);
    const versions = await app.store.models.list();
    expect(versions.map((v) => v.version)).toEqual(['v1']);
    expect((runs[0]!.summary as { version: string }).version).toBe('v1');
    expect((await app.store.models.find('v1'))!.weights.byteLength).toBeGreaterThan(1000);
    await killHard(second);
  }, 400_000);

  it('report rendering: one report is stored whole and each subscriber gets exactly one copy', async () => {
    await app.store.subscriptions.add({ kind: 'email', target: 'ana@example.com', tickers: null, createdBy: 'test' });
    await app.store.subscriptions.add({ kind: 'email', target: 'ben@example.com', tickers: null, createdBy: 'test' });
    const small = { TICKCAST_INGEST_SOURCE: `csv:${smallData}`, TICKCAST_TICKERS: 'AAPL,KO' };
    const first = startWorker(small);
    await enqueuer.enqueue('report-daily', { trigger: 'chained' });
    const dying = await runningRun('report-daily');
    const cut = await waitLong('a report being rendered', async () => (await app.store.reports.list()).find((r) => r.status === 'rendering'));
    await killHard(first);
    expect(await app.store.outbox.list({ keyPrefix: 'report:' })).toEqual([]);
    // Long enough that the cut-off render counts as dead (two lock lifetimes) when the next worker looks.
    await new Promise((resolve) => setTimeout(resolve, 2 * LOCK_SECONDS * 1000 + 500));

    const second = startWorker(small);
    const runs = await settled('report-daily', dying.runKey);
    expect(runs.map((run: JobRun) => [run.state, run.attempt])).toEqual([['succeeded', 2], ['interrupted', 1]]);
    const reports = await app.store.reports.list();
    expect(reports.find((r) => r.id === cut.id)?.status).toBe('failed');
    const rendered = reports.filter((r) => r.status === 'rendered');
    expect(rendered).toHaveLength(1);
    expect(fs.existsSync(path.join(dataDir, 'reports', `${cut.id}.partial`))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'reports', `${cut.id}`))).toBe(false);
    expect(fs.readFileSync(path.join(dataDir, rendered[0]!.pdfPath!)).subarray(0, 5).toString()).toBe('%PDF-');
    const mails = await smtp.waitForMessages(2, 60_000);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['ana@example.com', 'ben@example.com']);
    const deliveries = await waitLong('both deliveries recorded', async () => {
      const listed = await app.store.outbox.list({ keyPrefix: 'report:' });
      return listed.every((d) => d.state === 'delivered') ? listed : undefined;
    });
    expect(deliveries.map((d) => d.channel.channelId).sort()).toEqual(['ana@example.com', 'ben@example.com']);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(smtp.messages).toHaveLength(2);

    // Asked again the same morning, the report is not made or sent twice.
    await enqueuer.enqueue('report-daily', { trigger: 'manual' });
    const again = await waitLong('the second ask', async () => (await runsOf('report-daily')).find((run) => run.trigger === 'manual' && run.state !== 'running'));
    expect(again).toMatchObject({ state: 'skipped' });
    expect(smtp.messages).toHaveLength(2);
    const exited = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 300_000);
});
