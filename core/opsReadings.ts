import type { Interval } from './bars.ts';
import type { JobName } from './jobs.ts';
import type { VersionMetrics } from './model.ts';
import type { DeliveryState, DeliverySurface } from './outbox.ts';

/**
 * What the service reads about itself from the database for `/metrics` and `/healthz`. Every replica reads the same
 * rows, so each reports the same truth and the web role keeps no state. Each reading is one cheap, bounded query.
 */
export interface OpsReadings {
  /** One round trip (`select 1`); throws when the database cannot be reached. */
  ping(): Promise<void>;
  /** Messages waiting (`pending`), in flight (`sending`) and given up (`failed`), per surface; delivered ones are history. */
  outboxDepth(): Promise<OutboxDepthReading[]>;
  /** Agenda's jobs that are scheduled or running, per job name, as of `now`. */
  scheduledJobs(now: Date): Promise<ScheduledJobReading[]>;
  /** The newest successful ingestion run per ticker and interval. */
  lastIngests(): Promise<LastIngestReading[]>;
  /** The champion's name and walk-forward figures; null while there is no champion. */
  champion(): Promise<{ version: string; metrics: VersionMetrics | null } | null>;
  /** The champion's newest live calibration signal per ticker (ticker null: a whole-version signal). */
  championCalibration(): Promise<CalibrationReading[]>;
  /** When each job last finished successfully (`job_runs`). */
  lastJobSuccesses(): Promise<{ job: JobName; finishedAt: Date }[]>;
}

export interface OutboxDepthReading {
  surface: DeliverySurface;
  state: DeliveryState;
  count: number;
}

export interface ScheduledJobReading {
  /** Agenda's job name (one of JOB_NAMES for tickcast's own jobs). */
  name: string;
  /** Instances that repeat (`every` / `repeat_at`): the recurring schedule exists. */
  recurring: number;
  /** Due at or before `now`, enabled and unlocked: waiting for a worker. */
  due: number;
  /** Locked by a worker. */
  running: number;
  /** The earliest run time among the due instances; null when none is due. */
  oldestDueAt: Date | null;
}

export interface LastIngestReading {
  ticker: string;
  interval: Interval;
  finishedAt: Date;
}

export interface CalibrationReading {
  ticker: string | null;
  asOf: string;
  /** The signal's value as model/modelSignals.ts `calibrationSignal` records it (`n`, `coverage80`, `coverage95`, …). */
  value: Record<string, unknown>;
}
