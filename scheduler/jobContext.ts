import type { App } from '../app/wiring.ts';
import type { JobName } from '../core/jobs.ts';

/** What a job's body gets: the app, the moment it runs, its instance data, and ways to report and to chain. */
export interface JobContext {
  app: App;
  /** When the run started; the job's notion of "today" (New York) comes from it. */
  now: Date;
  /** The data it was enqueued with: `{ trigger, by, reason }` for an on-demand retrain; `{}` for a schedule. */
  data: Readonly<Record<string, unknown>>;
  /** Aborted when the worker shuts down and hands the run back: a job stops at its next step (`progress` throws). */
  signal: AbortSignal;
  /** Log a step and keep the run's lock and heartbeat fresh; long jobs call it at least every few seconds of work. */
  progress(note: string, detail?: Record<string, unknown>): Promise<void>;
  /** Ask for another job to run now (it runs on whichever worker takes it). */
  enqueue(job: JobName, data?: Record<string, unknown>): Promise<void>;
  /** Something was enqueued for delivery: wake this process' outbox worker. */
  delivered(): void;
}

/** What a job's body returns: a short account, stored with the run (`tickcast jobs list`, `/model status`). */
export type JobSummary = Record<string, unknown>;

/** A job's body ends early, and the run is recorded `skipped` with this reason (nothing to do: a holiday, no data). */
export class JobSkipped extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'JobSkipped';
  }
}
