import type { Job } from 'agenda';
import type { App } from '../app/wiring.ts';
import { oneLine } from '../core/errors.ts';
import type { JobName, JobRun } from '../core/jobs.ts';
import { instanceKey, triggerOf, type JobSpec } from './jobCatalog.ts';
import { JobSkipped, type JobContext } from './jobContext.ts';
import { notDueReason } from './marketClock.ts';
import { reportExhaustedJob } from './opsAlert.ts';

export interface RunJobDeps {
  app: App;
  /** `host:pid` of this process. */
  worker: string;
  /** How long a lock lasts without a heartbeat; heartbeats come three times within it. */
  lockMs: number;
  /** Attempts of one instance before it is given up and reported. */
  attempts: number;
  enqueue(job: JobName, data?: Record<string, unknown>): Promise<void>;
  delivered(): void;
  /** The clock a run's instance and calendar check are read from (tests pin it to a holiday). */
  clock: () => Date;
  /** Aborted when the worker stops and hands the run back. */
  signal: AbortSignal;
}

/** Lock refreshes from progress notes, at most this often (the heartbeat timer covers the quiet stretches). */
const TOUCH_EVERY_MS = 2000;

/**
 * One run of a job, as Agenda hands it over. The instance is claimed in `job_runs` first: when it is running on a
 * live worker or has already finished, this run does nothing (the guard that no instance runs twice, whatever
 * Agenda's locks do). Runs whose worker stopped heartbeating are declared interrupted, so a dead worker's instance
 * is taken over once its lock lapses. A scheduled run on a day the calendar rules out is recorded as skipped. A
 * failure is recorded and rethrown, so Agenda retries it with backoff; the last allowed attempt is reported to the
 * admins' channel.
 */
export async function runJob(spec: JobSpec, job: Job, deps: RunJobDeps): Promise<void> {
  const { app, lockMs } = deps;
  const data = (job.attrs.data ?? {}) as Record<string, unknown>;
  const now = deps.clock();
  const runKey = instanceKey(spec, now, data, String(job.attrs._id));
  const stale = await app.store.jobRuns.interruptStale(new Date(now.getTime() - lockMs));
  for (const dead of stale) {
    app.logger.warn({ job: dead.job, runKey: dead.runKey, worker: dead.worker }, 'a job run stopped heartbeating (its process died): marked interrupted');
    app.telemetry.jobFinished(dead.job, 'interrupted', (now.getTime() - dead.startedAt.getTime()) / 1000);
  }
  const run = await app.store.jobRuns.begin({ job: spec.name, runKey, worker: deps.worker, trigger: triggerOf(data) });
  if (!run) {
    app.logger.debug({ job: spec.name, runKey }, 'job instance already running or done: not run again');
    return;
  }
  const log = app.logger.child({ job: spec.name, run: run.id, runKey, attempt: run.attempt });
  let lastTouch = Date.now();
  const keepAlive = async () => {
    lastTouch = Date.now();
    await Promise.all([job.touch(), app.store.jobRuns.heartbeat(run.id)]);
  };
  const beat = setInterval(() => void keepAlive().catch((err: unknown) => log.warn({ err }, 'job heartbeat failed')), Math.max(1000, Math.floor(lockMs / 3)));
  const ctx: JobContext = {
    app: { ...app, logger: log },
    now,
    data,
    signal: deps.signal,
    async progress(note, detail) {
      deps.signal.throwIfAborted();
      log.info(detail ?? {}, note);
      if (Date.now() - lastTouch >= TOUCH_EVERY_MS) await keepAlive().catch((err: unknown) => log.warn({ err }, 'job heartbeat failed'));
    },
    enqueue: deps.enqueue,
    delivered: deps.delivered,
  };
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const notDue = triggerOf(data) === 'schedule' ? notDueReason(spec.calendar, now) : null;
    if (notDue) throw new JobSkipped(notDue);
    log.info({ trigger: triggerOf(data) }, 'job started');
    const summary = await spec.run(ctx);
    await app.store.jobRuns.finish(run.id, { state: 'succeeded', summary });
    app.telemetry.jobFinished(spec.name, 'succeeded', seconds());
    log.info({ seconds: Math.round(seconds() * 10) / 10, summary }, 'job succeeded');
  } catch (err) {
    if (err instanceof JobSkipped) {
      await app.store.jobRuns.finish(run.id, { state: 'skipped', summary: { reason: err.reason } });
      app.telemetry.jobFinished(spec.name, 'skipped', seconds());
      log.info({ reason: err.reason }, 'job skipped');
      return;
    }
    await recordFailure(deps, run, err, log);
    app.telemetry.jobFinished(spec.name, 'failed', seconds());
    throw err;
  } finally {
    clearInterval(beat);
  }
}

async function recordFailure(deps: RunJobDeps, run: JobRun, err: unknown, log: App['logger']): Promise<void> {
  log.error({ err, attempts: deps.attempts }, 'job failed');
  try {
    await deps.app.store.jobRuns.finish(run.id, { state: 'failed', error: oneLine(err) });
    if (run.attempt >= deps.attempts && (await reportExhaustedJob(deps.app, run, err))) deps.delivered();
  } catch (recordErr) {
    log.error({ err: recordErr }, 'could not record the job failure');
  }
}
