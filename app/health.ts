import { performance } from 'node:perf_hooks';
import type { App } from './wiring.ts';
import { oneLine } from '../core/errors.ts';
import type { LastIngestReading, ScheduledJobReading } from '../core/opsReadings.ts';

/**
 * `/healthz`: is the database there, is the scheduler keeping up, is the data fresh. 200 while the database answers
 * (`ok`, or `degraded` with the reasons), 503 when it does not (`down`). A brand-new installation, with no scheduled
 * jobs and nothing ingested yet, is `ok`: those checks say `unknown` / `none` rather than fail. docs/metrics.md shows
 * the JSON.
 */
export interface HealthOptions {
  /** A job due longer than this without a worker taking it counts as overdue (default 10 minutes). */
  overdueSeconds?: number;
  /** The newest successful ingestion older than this is stale (default 4 days: a long weekend plus a holiday). */
  staleIngestSeconds?: number;
  /** Jobs the scheduler keeps recurring; once Agenda holds any job, one of these missing degrades the answer. */
  expectedJobs?: readonly string[];
  /** How long each database check may take before it counts as failed (default 3 s). */
  timeoutMs?: number;
  now?: () => Date;
}

export const DEFAULT_OVERDUE_SECONDS = 600;
export const DEFAULT_STALE_INGEST_SECONDS = 4 * 86_400;
const DEFAULT_TIMEOUT_MS = 3000;

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  /** One line per problem; empty when `ok`. */
  reasons: string[];
  checkedAt: string;
  database: { engine: string; ok: boolean; latencyMs: number | null; error?: string };
  scheduler: {
    status: 'ok' | 'overdue' | 'missing' | 'unknown' | 'error';
    jobs: { name: string; recurring: boolean; due: number; running: number; overdueSeconds: number }[];
    missing: string[];
    error?: string;
  };
  lastIngest: {
    status: 'ok' | 'stale' | 'none' | 'unknown' | 'error';
    ticker: string | null;
    interval: string | null;
    finishedAt: string | null;
    ageSeconds: number | null;
    staleAfterSeconds: number;
    error?: string;
  };
}

/** The HTTP status `/healthz` answers with. */
export function healthStatusCode(report: HealthReport): number {
  return report.status === 'down' ? 503 : 200;
}

export async function checkHealth(app: Pick<App, 'store' | 'database'>, options: HealthOptions = {}): Promise<HealthReport> {
  const now = (options.now ?? (() => new Date()))();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleAfterSeconds = options.staleIngestSeconds ?? DEFAULT_STALE_INGEST_SECONDS;
  const readings = app.store.ops;
  const database = await pingDatabase(app, timeoutMs);
  if (!database.ok) {
    return {
      status: 'down',
      reasons: [`database: ${database.error}`],
      checkedAt: now.toISOString(),
      database,
      scheduler: { status: 'unknown', jobs: [], missing: [] },
      lastIngest: { status: 'unknown', ticker: null, interval: null, finishedAt: null, ageSeconds: null, staleAfterSeconds },
    };
  }
  const [jobs, ingests] = await Promise.allSettled([
    withDeadline(readings.scheduledJobs(now), timeoutMs, 'the scheduler check'),
    withDeadline(readings.lastIngests(), timeoutMs, 'the ingest check'),
  ]);
  const scheduler = jobs.status === 'fulfilled'
    ? schedulerHealth(jobs.value, now, options.overdueSeconds ?? DEFAULT_OVERDUE_SECONDS, options.expectedJobs ?? [])
    : { status: 'error' as const, jobs: [], missing: [], error: oneLine(jobs.reason) };
  const lastIngest = ingests.status === 'fulfilled'
    ? ingestHealth(ingests.value, now, staleAfterSeconds)
    : { status: 'error' as const, ticker: null, interval: null, finishedAt: null, ageSeconds: null, staleAfterSeconds, error: oneLine(ingests.reason) };
  const reasons = [...schedulerReasons(scheduler, options.overdueSeconds ?? DEFAULT_OVERDUE_SECONDS), ...ingestReasons(lastIngest)];
  return { status: reasons.length === 0 ? 'ok' : 'degraded', reasons, checkedAt: now.toISOString(), database, scheduler, lastIngest };
}

async function pingDatabase(app: Pick<App, 'store' | 'database'>, timeoutMs: number): Promise<HealthReport['database']> {
  const started = performance.now();
  try {
    await withDeadline(app.store.ops.ping(), timeoutMs, 'select 1');
    return { engine: app.database.engine, ok: true, latencyMs: roundMs(performance.now() - started) };
  } catch (err) {
    return { engine: app.database.engine, ok: false, latencyMs: null, error: oneLine(err) };
  }
}

function schedulerHealth(rows: readonly ScheduledJobReading[], now: Date, overdueSeconds: number, expected: readonly string[]): HealthReport['scheduler'] {
  const jobs = rows.map((row) => ({
    name: row.name,
    recurring: row.recurring > 0,
    due: row.due,
    running: row.running,
    overdueSeconds: row.oldestDueAt ? Math.max(0, Math.round((now.getTime() - row.oldestDueAt.getTime()) / 1000)) : 0,
  }));
  // No job at all: the scheduler has not started against this database yet (a new installation, a web-only setup).
  if (jobs.length === 0) return { status: 'unknown', jobs, missing: [] };
  const missing = expected.filter((name) => !jobs.some((job) => job.name === name && job.recurring));
  const overdue = jobs.some((job) => job.overdueSeconds > overdueSeconds);
  return { status: overdue ? 'overdue' : missing.length > 0 ? 'missing' : 'ok', jobs, missing };
}

function schedulerReasons(scheduler: HealthReport['scheduler'], overdueSeconds: number): string[] {
  if (scheduler.status === 'error') return [`scheduler: ${scheduler.error}`];
  const overdue = scheduler.jobs
    .filter((job) => job.overdueSeconds > overdueSeconds)
    .map((job) => `scheduler: ${job.name} has been due for ${job.overdueSeconds} s with no worker taking it (limit ${overdueSeconds} s)`);
  const missing = scheduler.missing.map((name) => `scheduler: ${name} is not scheduled`);
  return [...overdue, ...missing];
}

function ingestHealth(rows: readonly LastIngestReading[], now: Date, staleAfterSeconds: number): HealthReport['lastIngest'] {
  const newest = rows.reduce<LastIngestReading | null>((best, row) => (best === null || row.finishedAt > best.finishedAt ? row : best), null);
  if (!newest) return { status: 'none', ticker: null, interval: null, finishedAt: null, ageSeconds: null, staleAfterSeconds };
  const ageSeconds = Math.max(0, Math.round((now.getTime() - newest.finishedAt.getTime()) / 1000));
  return {
    status: ageSeconds > staleAfterSeconds ? 'stale' : 'ok',
    ticker: newest.ticker,
    interval: newest.interval,
    finishedAt: newest.finishedAt.toISOString(),
    ageSeconds,
    staleAfterSeconds,
  };
}

function ingestReasons(lastIngest: HealthReport['lastIngest']): string[] {
  if (lastIngest.status === 'error') return [`lastIngest: ${lastIngest.error}`];
  if (lastIngest.status !== 'stale') return [];
  return [`lastIngest: the newest successful ingestion (${lastIngest.ticker} ${lastIngest.interval}, ${lastIngest.finishedAt}) is ${lastIngest.ageSeconds} s old (limit ${lastIngest.staleAfterSeconds} s)`];
}

const roundMs = (ms: number) => Math.round(ms * 100) / 100;

/**
 * `work`, or a rejection once `ms` have passed without it settling. The work itself goes on (a query cannot be
 * called back), but whoever waits, a health check or a scrape, answers in time.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
