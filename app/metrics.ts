import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Logger } from './logger.ts';
import { withDeadline } from './health.ts';
import type { HttpRoute } from './httpServer.ts';
import type { OpsReadings } from '../core/opsReadings.ts';
import type { Telemetry } from '../core/telemetry.ts';
import { pooledRow } from '../model/promotionGate.ts';

/** Chat answers: Slack wants an ack within 3 s, a retrain may take half a minute before it hands off. */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];
/** Scheduled jobs: a housekeeping pass in a fraction of a second, a retrain in up to an hour. */
const JOB_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600];
const REPORT_BUCKETS = [0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300];

/** The horizons the champion's walk-forward skill is exported for. */
const SKILL_HORIZONS = [1, 5];
const SKILL_MEASURES = ['mase', 'u2', 'coverage80', 'coverage95'] as const;

/** The longest a scrape waits for one database reading before it counts as failed and is left out. */
const COLLECT_TIMEOUT_MS = 5000;

export interface Metrics {
  /** Hand to `createApp({ telemetry })`: where commands, requests, jobs, ingests, deliveries and reports are counted. */
  telemetry: Telemetry;
  /** This process's registry (never prom-client's global one): what `/metrics` serves. */
  registry: Registry;
  /** Read the database gauges from `readings` at every scrape; until called, only the process's own counts are served. */
  readFrom(readings: OpsReadings): void;
}

export interface MetricsOptions {
  logger: Pick<Logger, 'warn'>;
  /** The clock ages are measured against. */
  now?: () => Date;
  collectTimeoutMs?: number;
}

/**
 * Prometheus metrics for one process. Counters and histograms count what this process did (through `telemetry`);
 * gauges about the queue, the scheduler, the data and the model are read from the database when scraped, so every
 * replica reports the same truth. A reading that fails or times out is logged, counted in
 * `tickcast_metrics_collect_errors_total` and left out of that scrape; it never fails the scrape.
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const now = options.now ?? (() => new Date());
  const timeoutMs = options.collectTimeoutMs ?? COLLECT_TIMEOUT_MS;

  const commandSeconds = new Histogram({
    name: 'tickcast_command_duration_seconds', help: 'Chat commands from arrival to answer, queueing included, by surface, command path and outcome',
    labelNames: ['surface', 'command', 'outcome'], buckets: COMMAND_BUCKETS, registers,
  });
  const httpSeconds = new Histogram({
    name: 'tickcast_http_request_duration_seconds', help: 'HTTP requests by route pattern, method and status',
    labelNames: ['route', 'method', 'status'], buckets: HTTP_BUCKETS, registers,
  });
  const jobSeconds = new Histogram({
    name: 'tickcast_job_duration_seconds', help: 'Scheduled job runs by job and final state', labelNames: ['job', 'state'], buckets: JOB_BUCKETS, registers,
  });
  const jobRuns = new Counter({ name: 'tickcast_job_runs_total', help: 'Scheduled job runs ended, by job and final state', labelNames: ['job', 'state'], registers });
  const reportSeconds = new Histogram({
    name: 'tickcast_report_render_seconds', help: 'Reports built and rendered (or failed), by outcome', labelNames: ['outcome'], buckets: REPORT_BUCKETS, registers,
  });
  const reportPages = new Gauge({ name: 'tickcast_report_pages', help: 'Pages of the newest report this process rendered', registers });
  const barsIngested = new Counter({ name: 'tickcast_bars_ingested_total', help: 'Bars written (added or updated) by successful ingestions', labelNames: ['ticker', 'interval'], registers });
  const deliveries = new Counter({ name: 'tickcast_deliveries_total', help: 'Outbox delivery attempts ended, by surface, message kind and outcome', labelNames: ['surface', 'kind', 'outcome'], registers });

  const telemetry: Telemetry = {
    commandFinished: (surface, command, outcome, seconds) => commandSeconds.observe({ surface, command, outcome }, seconds),
    httpFinished: (route, method, status, seconds) => httpSeconds.observe({ route, method, status: String(status) }, seconds),
    jobFinished(job, state, seconds) {
      jobSeconds.observe({ job, state }, seconds);
      jobRuns.inc({ job, state });
    },
    barsIngested: (ticker, interval, count) => barsIngested.inc({ ticker, interval }, count),
    deliveryFinished: (surface, kind, outcome) => deliveries.inc({ surface, kind, outcome }),
    reportRendered(outcome, seconds, pages) {
      reportSeconds.observe({ outcome }, seconds);
      if (pages != null) reportPages.set(pages);
    },
  };

  const gauges = databaseGauges(registry, options.logger, now, timeoutMs);
  return { telemetry: neverThrowing(telemetry, options.logger), registry, readFrom: gauges.readFrom };
}

/** `/metrics`: the registry in Prometheus's text format. */
export function metricsRoute(registry: Registry): HttpRoute {
  return {
    method: 'GET',
    path: '/metrics',
    handle(_req, res) {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`metrics collection failed: ${String(err)}\n`);
        },
      );
    },
  };
}

/**
 * Counting must never break the work counted: a bad value (a negative count, NaN seconds) is logged and dropped.
 */
function neverThrowing(telemetry: Telemetry, logger: Pick<Logger, 'warn'>): Telemetry {
  const guarded = {} as Record<keyof Telemetry, (...args: never[]) => void>;
  for (const key of Object.keys(telemetry) as (keyof Telemetry)[]) {
    const record = telemetry[key] as (...args: unknown[]) => void;
    guarded[key] = (...args: unknown[]) => {
      try {
        record(...args);
      } catch (err) {
        logger.warn({ err, metric: key, args }, 'metrics: a value could not be recorded');
      }
    };
  }
  return guarded as unknown as Telemetry;
}

type Reading = 'outbox' | 'scheduler' | 'ingest' | 'champion' | 'calibration' | 'jobs';

/**
 * The gauges read at scrape time. One scrape runs each reading once, side by side, however many gauges it feeds:
 * every gauge's collect awaits the same refresh while it is in flight.
 */
function databaseGauges(registry: Registry, logger: Pick<Logger, 'warn'>, now: () => Date, timeoutMs: number): { readFrom(readings: OpsReadings): void } {
  let source: OpsReadings | null = null;
  let inFlight: Promise<void> | null = null;
  const collect = () => (inFlight ??= refresh().finally(() => (inFlight = null)));
  const registers = [registry];

  const errors = new Counter({
    name: 'tickcast_metrics_collect_errors_total', help: 'Database readings that failed or timed out while scraped, by reading', labelNames: ['reading'], registers, collect,
  });
  const outbox = new Gauge({ name: 'tickcast_outbox_messages', help: 'Outbox messages pending, sending or failed, by surface and state', labelNames: ['surface', 'state'], registers, collect });
  const jobsDue = new Gauge({ name: 'tickcast_scheduler_jobs_due', help: 'Agenda job instances due, enabled and not locked by any worker', labelNames: ['job'], registers, collect });
  const jobsRunning = new Gauge({ name: 'tickcast_scheduler_jobs_running', help: 'Agenda job instances locked by a worker', labelNames: ['job'], registers, collect });
  const jobsWait = new Gauge({ name: 'tickcast_scheduler_job_wait_seconds', help: 'How long the oldest due, unlocked instance of a job has waited (0: none waits)', labelNames: ['job'], registers, collect });
  const ingestAge = new Gauge({ name: 'tickcast_ingest_age_seconds', help: 'Seconds since the newest successful ingestion of a series', labelNames: ['ticker', 'interval'], registers, collect });
  const championInfo = new Gauge({ name: 'tickcast_champion_info', help: 'The champion model version (value 1)', labelNames: ['version'], registers, collect });
  const championSkill = new Gauge({
    name: 'tickcast_champion_skill', help: "The champion's pooled walk-forward figures, its own (model=champion) and the random walk's (model=naive), by horizon in sessions",
    labelNames: ['model', 'horizon', 'measure'], registers, collect,
  });
  const liveCoverage = new Gauge({
    name: 'tickcast_champion_live_coverage', help: "Share of realised closes inside the champion's stored 80% and 95% bands, from its newest calibration signal per ticker",
    labelNames: ['ticker', 'level'], registers, collect,
  });
  const liveSamples = new Gauge({ name: 'tickcast_champion_live_samples', help: 'Realised forecasts the live coverage rests on, per ticker', labelNames: ['ticker'], registers, collect });
  const jobLastSuccess = new Gauge({ name: 'tickcast_job_last_success_timestamp_seconds', help: 'When each job last succeeded (Unix seconds)', labelNames: ['job'], registers, collect });

  const readers: Record<Reading, { gauges: Gauge[]; read(readings: OpsReadings, at: Date): Promise<() => void> }> = {
    outbox: {
      gauges: [outbox],
      async read(readings) {
        const rows = await readings.outboxDepth();
        return () => rows.forEach((row) => outbox.set({ surface: row.surface, state: row.state }, row.count));
      },
    },
    scheduler: {
      gauges: [jobsDue, jobsRunning, jobsWait],
      async read(readings, at) {
        const rows = await readings.scheduledJobs(at);
        return () => {
          for (const row of rows) {
            jobsDue.set({ job: row.name }, row.due);
            jobsRunning.set({ job: row.name }, row.running);
            jobsWait.set({ job: row.name }, row.oldestDueAt ? Math.max(0, (at.getTime() - row.oldestDueAt.getTime()) / 1000) : 0);
          }
        };
      },
    },
    ingest: {
      gauges: [ingestAge],
      async read(readings, at) {
        const rows = await readings.lastIngests();
        return () => rows.forEach((row) => ingestAge.set({ ticker: row.ticker, interval: row.interval }, Math.max(0, (at.getTime() - row.finishedAt.getTime()) / 1000)));
      },
    },
    champion: {
      gauges: [championInfo, championSkill],
      async read(readings) {
        const champion = await readings.champion();
        return () => {
          if (!champion) return;
          championInfo.set({ version: champion.version }, 1);
          for (const [label, model] of [['champion', undefined], ['naive', 'naive']] as const) {
            for (const horizon of SKILL_HORIZONS) {
              const row = pooledRow(champion.metrics, model, horizon);
              for (const measure of SKILL_MEASURES) {
                const value = row?.[measure];
                if (value != null && Number.isFinite(value)) championSkill.set({ model: label, horizon: String(horizon), measure }, value);
              }
            }
          }
        };
      },
    },
    calibration: {
      gauges: [liveCoverage, liveSamples],
      async read(readings) {
        const rows = await readings.championCalibration();
        return () => {
          for (const row of rows) {
            const ticker = row.ticker ?? 'ALL';
            for (const [level, key] of [['80', 'coverage80'], ['95', 'coverage95']] as const) {
              const value = row.value[key];
              if (typeof value === 'number' && Number.isFinite(value)) liveCoverage.set({ ticker, level }, value);
            }
            if (typeof row.value.n === 'number') liveSamples.set({ ticker }, row.value.n);
          }
        };
      },
    },
    jobs: {
      gauges: [jobLastSuccess],
      async read(readings) {
        const rows = await readings.lastJobSuccesses();
        return () => rows.forEach((row) => jobLastSuccess.set({ job: row.job }, row.finishedAt.getTime() / 1000));
      },
    },
  };

  // Every reading's error series exists from the first scrape, at 0, so `increase()` sees the first failure.
  for (const name of Object.keys(readers)) errors.inc({ reading: name }, 0);

  async function refresh(): Promise<void> {
    const readings = source;
    if (!readings) return;
    const at = now();
    await Promise.all(
      (Object.keys(readers) as Reading[]).map(async (name) => {
        const reader = readers[name];
        try {
          const apply = await withDeadline(reader.read(readings, at), timeoutMs, `the ${name} reading`);
          // Reset and set in one synchronous step: a series that is gone (a ticker dropped) disappears with it.
          reader.gauges.forEach((gauge) => gauge.reset());
          apply();
        } catch (err) {
          // A value we could not read is left out rather than shown stale.
          reader.gauges.forEach((gauge) => gauge.reset());
          errors.inc({ reading: name });
          logger.warn({ err, reading: name }, 'metrics: a database reading failed; left out of this scrape');
        }
      }),
    );
  }

  return {
    readFrom(readings) {
      source = readings;
    },
  };
}
