// The nightly pipeline for the 11 shared tickers through the real scheduler: an in-process app over a scratch
// database, `startScheduler` (Agenda) working, then `enqueue('ingest-daily')` (ingest of ../shared/data/daily
// through TICKCAST_INGEST_SOURCE=csv:…, the quality gate, alerts, the feature check), which chains
// `forecast-daily`, and once that is done `enqueue('report-daily')` (the report rendered to PDF and stored). Each
// stage is timed from the moment it was asked for to its run recorded finished in job_runs, so Agenda's pickup is
// in the figure; the run alone is printed beside it. Training is not part of it: a pass with no champion
// (random-walk forecasts) on an empty database, then a pass whose database already holds the history up to the
// last session and a small LSTM champion trained beforehand (not timed), so that ingest adds the last session as a
// nightly run would. On PGlite, and also on PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set (a
// scratch database per pass). Target: under 60 s for the three stages. Figures only, no assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config.ts';
import { createLogger } from '../app/logger.ts';
import { createApp, type App } from '../app/wiring.ts';
import type { JobRun } from '../core/jobs.ts';
import { ingest } from '../pipeline/ingest/ingest.ts';
import { planIngest } from '../pipeline/ingest/planIngest.ts';
import { retrainReasons } from '../scheduler/retrainReasons.ts';
import { startScheduler, type Scheduler } from '../scheduler/startScheduler.ts';
import { DAILY_DIR, dailyTickers, readDaily } from '../test/support/sharedData.ts';
import { createLogTally, tallyDestination } from './logTally.ts';
import { withScratchServerDatabase } from './scratchDatabase.ts';
import { machineLoad } from './slackLoad.ts';
import { trainSmallChampion } from './smallChampion.ts';

const TICKERS = dailyTickers();
const SOURCE = `csv:${DAILY_DIR}`;
const TARGET_SECONDS = 60;
/** A stage that has not finished after this long is reported and the pass given up. */
const STAGE_LIMIT_MS = 600_000;
const POLL_MS = 20;

const seconds = (from: number, to: number) => (to - from) / 1000;
const s = (value: number) => `${value.toFixed(2)} s`;

/** The database a pass runs on: the environment that points the configuration at it. */
type Engine = { label: string; withDatabase(work: (env: Record<string, string>) => Promise<void>): Promise<void> };

function pgliteEngine(): Engine {
  return {
    label: 'pglite',
    async withDatabase(work) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bench-nightly-'));
      try {
        await work({ TICKCAST_DATA_DIR: dataDir });
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function postgresEngine(serverUrl: string): Engine {
  return {
    label: 'postgres',
    async withDatabase(work) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bench-nightly-'));
      try {
        await withScratchServerDatabase(serverUrl, (url) => work({ DATABASE_URL: url, TICKCAST_DATA_DIR: dataDir }));
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

function configEnv(database: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {
    ...database,
    TICKCAST_TICKERS: TICKERS.join(','),
    TICKCAST_INGEST_SOURCE: SOURCE,
    // A retrain asked for by the forecast's drift or calibration signals would run beside the report; training is
    // not part of this measure, so the thresholds are out of reach here (what they would have asked is printed).
    TICKCAST_RETRAIN_DRIFT_PSI: '10',
    TICKCAST_RETRAIN_COVERAGE_GAP: '1',
    LOG_LEVEL: 'warn',
  };
  for (const passed of ['PUPPETEER_EXECUTABLE_PATH', 'TICKCAST_TF_BACKEND', 'TICKCAST_JOB_POLL_SECONDS']) if (process.env[passed]) env[passed] = process.env[passed]!;
  return env;
}

/** Waits for the run `match` picks out to be recorded finished; a failed or skipped run ends the pass. */
async function finished(app: App, what: string, match: (run: JobRun) => boolean): Promise<JobRun> {
  const started = performance.now();
  while (performance.now() - started < STAGE_LIMIT_MS) {
    const run = (await app.store.jobRuns.list({ limit: 20 })).find(match);
    if (run && run.state !== 'running') {
      if (run.state !== 'succeeded') throw new Error(`${what} ${run.state}: ${run.error ?? JSON.stringify(run.summary)}`);
      return run;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`${what} did not finish within ${STAGE_LIMIT_MS / 1000} s`);
}

interface Stage {
  name: string;
  /** When it was asked for: enqueued by the bench, or for a chained job, when the job that chains it finished. */
  askedAt: number;
  run: JobRun;
  note: string;
}

function printStage(stage: Stage): void {
  const { run } = stage;
  const started = run.startedAt.getTime();
  const ended = run.finishedAt!.getTime();
  const figures = `${s(seconds(stage.askedAt, ended)).padStart(8)}  (pickup ${s(seconds(stage.askedAt, started))}, run ${s(seconds(started, ended))})`;
  console.log(`${stage.name.padEnd(15)} ${figures}: ${stage.note}`);
}

type Summary = Record<string, unknown>;

function ingestNote(summary: Summary, bars: number): string {
  const features = Object.values((summary.features ?? {}) as Record<string, { rows: number }>);
  const failed = (summary.failed ?? []) as { ticker: string; error: string }[];
  const rows = features.reduce((n, f) => n + f.rows, 0);
  return (
    `${(summary.ingested as string[]).length} series, ${String(summary.barsAdded)} bars added, ${String(summary.barsUpdated)} updated (${bars} in the database); ` +
    `feature check ${rows} rows over ${features.length} series${failed.length ? `; FAILED ${failed.map((f) => `${f.ticker}: ${f.error}`).join('; ')}` : ''}`
  );
}

function forecastNote(summary: Summary): string {
  const forecasts = Object.values((summary.forecasts ?? {}) as Record<string, { model: string; edge: boolean }>);
  const failed = (summary.failed ?? []) as { ticker: string; error: string }[];
  const models = [...new Set(forecasts.map((f) => f.model))].join(', ');
  const edges = forecasts.filter((f) => f.edge).length;
  const missing = (summary.missing ?? []) as string[];
  return `${forecasts.length} forecasts (${models}; ${edges} with an edge)${failed.length ? `; FAILED ${failed.map((f) => `${f.ticker}: ${f.error}`).join('; ')}` : ''}${missing.length ? `; no data: ${missing.join(', ')}` : ''}`;
}

async function reportNote(app: App, summary: Summary): Promise<string> {
  const record = await app.store.reports.find(summary.report as number);
  const file = record?.pdfPath ? path.resolve(app.config.database.dataDir, record.pdfPath) : null;
  const size = file && fs.existsSync(file) ? `${(fs.statSync(file).size / 1024).toFixed(0)} KB PDF` : 'no PDF file';
  return `report #${String(summary.report)} for ${String(summary.date)}, ${String(summary.pages)} pages, ${size}, ${String(summary.narrative)} narrative, ${String(summary.deliveries)} deliveries`;
}

/** What the forecast's signals would have asked for at the product's default thresholds (the bench raised them). */
async function retrainWouldAsk(app: App): Promise<string> {
  const champion = await app.store.models.resolve('champion');
  if (!champion) return 'no champion, so no retrain signals';
  const defaults = loadConfig({}).jobs;
  const reasons = retrainReasons(await app.store.signals.latest(champion.version, { limit: 500 }), { driftPsi: defaults.retrainDriftPsi, coverageGap: defaults.retrainCoverageGap });
  if (reasons.length === 0) return 'no retrain signal at the default thresholds';
  return [`at the default thresholds the forecast job would have asked for a retrain (${reasons.length} reasons):`, ...reasons.map((reason) => `  ${reason}`)].join('\n');
}

/** The three stages through the scheduler; returns the total seconds from the first enqueue to the report stored. */
async function pipeline(app: App, scheduler: Scheduler): Promise<number> {
  const begun = performance.now();
  const epoch = Date.now() - begun;
  const wall = () => epoch + performance.now();
  const ingestAsked = wall();
  const ingestId = await scheduler.enqueue('ingest-daily');
  const ingestRun = await finished(app, 'ingest-daily', (run) => run.runKey === `ingest-daily:manual:${ingestId}`);
  printStage({ name: 'ingest-daily', askedAt: ingestAsked, run: ingestRun, note: ingestNote(ingestRun.summary ?? {}, await app.store.prices.countBars()) });

  const forecastRun = await finished(app, 'forecast-daily', (run) => run.job === 'forecast-daily' && run.trigger === 'chained');
  printStage({ name: 'forecast-daily', askedAt: ingestRun.finishedAt!.getTime(), run: forecastRun, note: forecastNote(forecastRun.summary ?? {}) });

  const reportAsked = wall();
  const reportId = await scheduler.enqueue('report-daily');
  const reportRun = await finished(app, 'report-daily', (run) => run.runKey === `report-daily:manual:${reportId}`);
  const total = (performance.now() - begun) / 1000;
  printStage({ name: 'report-daily', askedAt: reportAsked, run: reportRun, note: await reportNote(app, reportRun.summary ?? {}) });
  const handoff = seconds(forecastRun.finishedAt!.getTime(), reportAsked);
  console.log(`${'total'.padEnd(15)} ${s(total).padStart(8)}  from the first enqueue to the report recorded (${s(handoff)} of it between the forecast finishing and the bench enqueueing the report)`);
  return total;
}

/** The history up to (not including) the newest session in the files, loaded through the product's ingest. */
async function loadHistoryBeforeLastSession(app: App): Promise<string> {
  const last = TICKERS.map((ticker) => readDaily(ticker).at(-1)!.ts).sort((a, b) => a.getTime() - b.getTime()).at(-1)!;
  const started = performance.now();
  const plan = await planIngest({ source: SOURCE, tickers: TICKERS, to: last }, { watchlist: [] });
  const { runs } = await ingest(plan.source, plan.requests, { store: app.store });
  const bars = runs.reduce((n, run) => n + run.rows, 0);
  return `${bars} bars before ${last.toISOString().slice(0, 10)} loaded in ${s((performance.now() - started) / 1000)}`;
}

async function pass(engine: Engine, label: string, prepare: ((app: App) => Promise<boolean>) | null): Promise<number | null> {
  let total: number | null = null;
  await engine.withDatabase(async (database) => {
    console.log(`-- ${engine.label}: ${label}`);
    const logs = createLogTally();
    const config = loadConfig(configEnv(database));
    const opening = performance.now();
    const app = await createApp(config, createLogger(config.log.level, tallyDestination(logs)), { migrate: true });
    console.log(`database        opened and migrated in ${s((performance.now() - opening) / 1000)}`);
    try {
      if (prepare && !(await prepare(app))) return;
      const starting = performance.now();
      const scheduler = await startScheduler(app, { work: true, schedule: false });
      console.log(`scheduler       started in ${s((performance.now() - starting) / 1000)} (Agenda polls every ${config.jobs.pollMs / 1000} s); ${machineLoad()}`);
      try {
        total = await pipeline(app, scheduler);
        console.log(`signals         ${await retrainWouldAsk(app)}`);
      } finally {
        const stopping = performance.now();
        const { handedBack } = await scheduler.stop(10_000);
        console.log(`scheduler       stopped in ${s((performance.now() - stopping) / 1000)}${handedBack ? `, ${handedBack} runs handed back` : ''}`);
      }
    } catch (err) {
      console.log(`FAILED          ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      const closing = performance.now();
      await app.close();
      console.log(`database        closed in ${s((performance.now() - closing) / 1000)}`);
      const [counts, ...messages] = logs.lines();
      console.log(`logs            ${counts}`);
      for (const line of messages) console.log(line);
    }
  });
  return total;
}

async function withChampion(app: App): Promise<boolean> {
  console.log(`setup           ${await loadHistoryBeforeLastSession(app)} (not timed)`);
  const trained = await trainSmallChampion(app, TICKERS, 'nightly-pipeline bench');
  if (trained) console.log(`setup           ${trained} (not timed)`);
  return trained !== null;
}

export async function runNightlyPipelineBench(): Promise<void> {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const engines = [pgliteEngine(), ...(serverUrl ? [postgresEngine(serverUrl)] : [])];
  console.log(`${TICKERS.length} tickers (${TICKERS.join(', ')}) from csv:…/shared/data/daily, ingest → forecast → report through Agenda; ${machineLoad()}`);
  if (!serverUrl) console.log('postgres        skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test)');
  const totals: { label: string; total: number | null }[] = [];
  for (const engine of engines) {
    for (const [label, prepare] of [
      ['no champion (random-walk forecasts), empty database', null],
      ['small LSTM champion, history loaded up to the last session', withChampion],
    ] as const) {
      const total = await pass(engine, label, prepare);
      totals.push({ label: `${engine.label} ${prepare ? 'champion' : 'random walk'}`, total });
    }
  }
  const met = totals.every(({ total }) => total !== null && total < TARGET_SECONDS);
  const figures = totals.map(({ label, total }) => `${label} ${total === null ? 'n/a' : s(total)}`).join(', ');
  console.log(`target          < ${TARGET_SECONDS} s for ingest + forecast + report: ${met ? 'met' : 'NOT met'} (${figures}); ${machineLoad()}`);
}
