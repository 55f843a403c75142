import type { Forecast } from '../core/forecast.ts';
import type { JobStatus } from '../core/jobs.ts';
import type { Store } from '../core/ports.ts';
import type { GateThresholds } from '../model/promotionGate.ts';
import type { RetrainOutcome } from '../model/retrainer.ts';

/**
 * What command handlers may use. app/wiring builds it from the concrete store, model cache and TensorFlow
 * factory; tests build it over a real store too.
 */
export interface BotServices {
  store: Store;
  /** The champion's forecast (stored, and followed by alert evaluation for the ticker). */
  forecast(ticker: string, horizon: number): Promise<Forecast>;
  /** Train a new version on the watchlist's data; one at a time per process. */
  retrain(by: string, progress: (note: string) => Promise<void>): Promise<RetrainOutcome>;
  gate: GateThresholds;
  /** Admin ids from configuration (`slack:U123`, `discord:role:456`); the database's users table adds more. */
  admins: readonly string[];
  /** The report files' folder, which report paths are relative to. */
  dataDir: string;
  now(): Date;
  /** The scheduled jobs, for `model status`; absent where no scheduler runs (tests, one-off commands). */
  jobs?(): Promise<JobStatus[]>;
}
