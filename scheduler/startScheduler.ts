import os from 'node:os';
import { Agenda, type Job } from 'agenda';
import type { App } from '../app/wiring.ts';
import { NEW_YORK_TIME_ZONE } from '../pipeline/calendar/index.ts';
import { UserError } from '../core/errors.ts';
import type { JobName } from '../core/jobs.ts';
import { agendaBackend } from './agendaBackend.ts';
import { instanceKey, JOBS, jobSpec } from './jobCatalog.ts';
import { runJob } from './runJob.ts';

/** Jobs one worker runs at once, all kinds together (a retrain and a report can overlap; two retrains cannot). */
const MAX_CONCURRENCY = 3;

export interface SchedulerOptions {
  /** Take due jobs and run them here (roles `worker` and `all`). */
  work: boolean;
  /** Keep the recurring schedules in the database in line with the configuration (roles `scheduler` and `all`). */
  schedule: boolean;
  /** Called when a job enqueued something for delivery (wakes the outbox worker of this process). */
  onDelivered?: () => void;
  /** How job runs and locks name this process; default `host:pid`. */
  worker?: string;
  /** The clock runs read "now" from; default the system's. */
  clock?: () => Date;
}

export interface Scheduler {
  /**
   * Ask for a job to run now, on whichever worker takes it; `trigger` says who asked (`manual`, `chat`, a job).
   * Returns the Agenda job's id and the instance it runs as (exact for a person's run; for a chained run, the
   * period it would run in now).
   */
  enqueue(job: JobName, data?: Record<string, unknown>): Promise<{ id: string; runKey: string }>;
  /**
   * Stop: no new jobs are taken; jobs running here get `graceMs` to finish, then are handed back (their locks
   * released, so another worker takes them at once) and their runs recorded as interrupted.
   */
  stop(graceMs: number): Promise<{ handedBack: number }>;
}

/** `host:pid`: how job runs and Agenda locks name this process. */
export function workerName(): string {
  return `${os.hostname()}:${process.pid}`;
}

/**
 * Agenda on the product's database, with every job of the catalog defined. Roles choose what this process does:
 * a worker takes due jobs (Agenda's row locks, `FOR UPDATE SKIP LOCKED`, spread them over workers, and `job_runs`
 * makes sure no instance runs twice); the scheduler role writes the recurring schedules; the web role only enqueues.
 */
export async function startScheduler(app: App, options: SchedulerOptions): Promise<Scheduler> {
  const { config, logger } = app;
  const worker = options.worker ?? workerName();
  const backend = agendaBackend(app.database);
  const agenda = new Agenda({
    backend,
    name: worker,
    processEvery: config.jobs.pollMs,
    maxConcurrency: MAX_CONCURRENCY,
    defaultConcurrency: 1,
    defaultLockLifetime: config.jobs.lockMs,
    removeOnComplete: true,
  });
  agenda.on('error', (err: Error) => logger.error({ err }, 'scheduler error'));

  const clock = options.clock ?? (() => new Date());
  const enqueue = async (name: JobName, data: Record<string, unknown> = {}): Promise<{ id: string; runKey: string }> => {
    const spec = jobSpec(name);
    if (!spec) throw new UserError('unknown_job', `unknown job '${name}': one of ${JOBS.map((j) => j.name).join(', ')}`);
    const instance = { trigger: 'manual', ...data };
    const id = String((await agenda.now(name, instance)).attrs._id);
    return { id, runKey: instanceKey(spec, clock(), instance, id) };
  };
  const deps = {
    app,
    worker,
    lockMs: config.jobs.lockMs,
    attempts: config.jobs.attempts,
    enqueue: async (name: JobName, data: Record<string, unknown> = {}) => void (await enqueue(name, { trigger: 'chained', ...data })),
    delivered: () => options.onDelivered?.(),
    clock,
  };
  const retryMs = config.jobs.retryMs;
  // Jobs running in this process, and how to ask each to stop: what `stop` hands back when its grace runs out.
  const inFlight = new Map<Job, AbortController>();
  for (const spec of JOBS) {
    agenda.define(spec.name, async (job) => {
      const abort = new AbortController();
      inFlight.set(job, abort);
      try {
        await runJob(spec, job, { ...deps, signal: abort.signal });
      } finally {
        inFlight.delete(job);
      }
    }, {
      concurrency: spec.concurrency,
      lockLifetime: config.jobs.lockMs,
      // Attempt n (1-based) failed: wait retryMs · 2^(n-1); after the last attempt, wait for the next schedule.
      backoff: ({ attempt }) => (attempt < config.jobs.attempts ? retryMs * 2 ** (attempt - 1) : null),
    });
  }
  await agenda.ready;
  if (options.schedule) await syncSchedules(agenda, app);
  if (options.work) await agenda.start();
  logger.info({ worker, work: options.work, schedule: options.schedule }, 'scheduler started');

  return {
    enqueue,
    async stop(graceMs) {
      if (!options.work) {
        // Agenda never started processing here, so its stop() would leave the backend's connections open.
        await backend.disconnect();
        return { handedBack: 0 };
      }
      const drained = await agenda.drain({ timeout: graceMs, closeConnection: false });
      // What did not finish in time is handed back: its Agenda locks released and its runs marked interrupted, so
      // another worker takes the instance straight away; the job itself is asked to stop at its next step.
      const left = [...inFlight.entries()];
      for (const [, abort] of left) abort.abort(new Error('the worker is shutting down'));
      // Due now and unlocked (Agenda cleared a one-off's next run when it started it, so unlocking alone would strand it).
      for (const [job] of left) await agenda.db.saveJobState({ ...job.attrs, lockedAt: undefined, nextRunAt: new Date() }, { lastModifiedBy: worker });
      const handedBack = await app.store.jobRuns.handBack(worker);
      await backend.disconnect();
      logger.info({ handedBack: handedBack.map((run) => run.runKey), timedOut: drained.timedOut }, 'scheduler stopped');
      return { handedBack: handedBack.length };
    },
  };
}

/** Write each configured schedule as a recurring Agenda job, and remove those whose schedule is now `off`. */
async function syncSchedules(agenda: Agenda, app: App): Promise<void> {
  for (const spec of JOBS) {
    const cron = spec.schedule ? app.config.jobs.schedules[spec.schedule] : null;
    if (cron) {
      await agenda.every(cron, spec.name, { trigger: 'schedule' }, { timezone: NEW_YORK_TIME_ZONE, skipImmediate: true });
    } else {
      await agenda.cancel({ name: spec.name, data: { trigger: 'schedule' } });
    }
  }
}
