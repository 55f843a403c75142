/**
 * The scheduler's vocabulary: the jobs tickcast runs on its own, and the record of each run. Agenda (scheduler/)
 * decides when and where a job runs; this is what the rest of the product, `tickcast jobs list`, `/model status`,
 * `/healthz` and the metrics, read about it.
 */

export const JOB_NAMES = [
  'ingest-daily',
  'ingest-intraday',
  'forecast-daily',
  'retrain',
  'report-daily',
  'registry-retention',
  'housekeeping',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

export const JOB_RUN_STATES = ['running', 'succeeded', 'failed', 'skipped', 'interrupted'] as const;
export type JobRunState = (typeof JOB_RUN_STATES)[number];

/** One execution of one job instance, as recorded in `job_runs`. */
export interface JobRun {
  id: number;
  job: JobName;
  /**
   * The instance: the Agenda job id and the time it was due. A run with this key that is running or succeeded
   * blocks another start of the same instance, on any worker.
   */
  runKey: string;
  attempt: number;
  state: JobRunState;
  /** `host:pid` of the process that ran it. */
  worker: string;
  trigger: string;
  startedAt: Date;
  heartbeatAt: Date;
  finishedAt: Date | null;
  error: string | null;
  /** What the run did, in the job's own terms (tickers ingested, report id, version trained, why skipped). */
  summary: Record<string, unknown> | null;
}

export interface JobRunStart {
  job: JobName;
  runKey: string;
  worker: string;
  trigger: string;
}

export interface JobRunRepo {
  /**
   * Record the start of a run. Returns null, and records nothing, when the same instance is already running or
   * has already succeeded: the caller must not run it.
   */
  begin(start: JobRunStart): Promise<JobRun | null>;
  /** Keep a long run's claim fresh; a run whose heartbeat is older than the lock lifetime counts as dead. */
  heartbeat(id: number): Promise<void>;
  finish(id: number, outcome: { state: Exclude<JobRunState, 'running'>; error?: string | null; summary?: Record<string, unknown> | null }): Promise<void>;
  /** Mark runs whose process died (no heartbeat since `before`) as interrupted; returns them. */
  interruptStale(before: Date): Promise<JobRun[]>;
  /** Mark this worker's running runs interrupted (it is stopping and hands them back); returns them. */
  handBack(worker: string): Promise<JobRun[]>;
  /** Newest first. */
  list(query?: { job?: JobName; state?: JobRunState; limit?: number }): Promise<JobRun[]>;
  /** The newest run of each job, and its newest success. */
  latestPerJob(): Promise<{ job: JobName; last: JobRun; lastSuccess: JobRun | null }[]>;
  /** Forget finished runs older than `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

/** A job as Agenda holds it: a recurring schedule, or a one-off run waiting (or running) on some worker. */
export interface ScheduledJob {
  id: string;
  name: string;
  /** `schedule` for a recurring entry; who asked (`manual`, `chat`, `chained`, `signal`) for a one-off. */
  trigger: string;
  /** The cron expression of a recurring entry. */
  cron: string | null;
  nextRunAt: Date | null;
  /** Set while a worker holds it. */
  lockedAt: Date | null;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  failCount: number;
  failReason: string | null;
}

/** Read-only view of Agenda's table, for `tickcast jobs list`, `/model status` and `/healthz`. */
export interface ScheduleReader {
  list(): Promise<ScheduledJob[]>;
}

/** One job as `tickcast jobs list` and `/model status` show it. */
export interface JobStatus {
  name: JobName;
  summary: string;
  /** The cron expression (New York time), `off`, or `on demand`. */
  schedule: string;
  /** The next scheduled run, from Agenda's table; null when not scheduled (or before the scheduler first ran). */
  nextRunAt: Date | null;
  /** One-off runs waiting for a worker (asked for by hand, by chat, by another job, or a retry). */
  waiting: number;
  /** Runs of it in progress now, on any worker. */
  running: number;
  lastRun: Pick<JobRun, 'state' | 'startedAt' | 'finishedAt' | 'error' | 'worker' | 'trigger' | 'summary'> | null;
  lastSuccessAt: Date | null;
}
