import type { AlertRepo } from './alerts.ts';
import type { ApiTokenRepo } from './apiTokens.ts';
import type { Bar, Interval, UpsertCounts } from './bars.ts';
import type { AuditRepo, PromotionRepo, RequestLog, UserRepo } from './governance.ts';
import type { ForecastRepo, ModelRegistry, SignalRepo } from './model.ts';
import type { OpsReadings } from './opsReadings.ts';
import type { OutboxRepo } from './outbox.ts';
import type { Finding } from './quality.ts';
import type { RateLimitRepo } from './rateLimits.ts';
import type { JobRunRepo, ScheduleReader } from './jobs.ts';
import type { ReportRepo } from './reports.ts';
import type { SubscriptionRepo } from './subscriptions.ts';

/**
 * Ports: what the core needs from the outside world. storage/, pipeline/ and the scheduler implement
 * them; app/wiring.ts is the one place that picks the implementations.
 */

export interface InstrumentInfo {
  ticker: string;
  name?: string | null;
  exchange?: string | null;
  currency?: string | null;
  kind?: 'equity' | 'etf' | 'index' | 'fx' | 'crypto' | null;
}

export interface BarQuery {
  from?: Date;
  to?: Date;
  /** Only the newest N bars (returned oldest first). */
  last?: number;
}

export interface PriceRepo {
  /** Create or refresh the instrument row; bars may only be stored for known instruments. */
  ensureInstrument(info: InstrumentInfo): Promise<void>;
  /**
   * Insert new bars and overwrite changed ones, keyed on (ticker, interval, ts). Re-running the same
   * load adds nothing and updates nothing. All-or-nothing: a failure leaves no partial rows.
   */
  upsertBars(ticker: string, interval: Interval, bars: readonly Bar[], runId?: number | null): Promise<UpsertCounts>;
  listBars(ticker: string, interval: Interval, query?: BarQuery): Promise<Bar[]>;
  lastBarTime(ticker: string, interval: Interval): Promise<Date | null>;
  countBars(ticker?: string, interval?: Interval): Promise<number>;
}

/** An ingestion run as recorded: the provenance of the bars it wrote. */
export interface IngestionRun {
  id: number;
  ticker: string;
  interval: Interval;
  source: string;
  rangeFrom: Date | null;
  rangeTo: Date | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: 'running' | 'succeeded' | 'failed';
  rowsRead: number;
  rowsAdded: number;
  rowsUpdated: number;
  checksum: string | null;
  error: string | null;
}

export interface IngestionRunRepo {
  start(run: { ticker: string; interval: Interval; source: string }): Promise<number>;
  succeed(id: number, outcome: { rangeFrom: Date | null; rangeTo: Date | null; rowsRead: number; rowsAdded: number; rowsUpdated: number; checksum: string }): Promise<void>;
  fail(id: number, error: string): Promise<void>;
  list(query?: { ticker?: string; limit?: number }): Promise<IngestionRun[]>;
  /** The newest successful run per (ticker, interval): the data snapshot models and reports cite. */
  latestSucceeded(ticker: string, interval: Interval): Promise<IngestionRun | null>;
  /** Close runs left `running` by a process that died (started before `before`) as failed; returns how many. */
  failStale(before: Date): Promise<number>;
}

export interface StoredFinding extends Finding {
  runId: number | null;
}

export interface QualityRepo {
  /** Replace a series' findings with the gate's latest verdict, and set the instrument's publishable flag from it. */
  replaceFindings(ticker: string, interval: Interval, runId: number | null, findings: readonly Finding[], blockingReason: string | null): Promise<void>;
  listFindings(query?: { ticker?: string; interval?: Interval }): Promise<StoredFinding[]>;
  publishability(ticker?: string): Promise<{ ticker: string; publishable: boolean; reason: string | null }[]>;
}

export interface Repos {
  prices: PriceRepo;
  runs: IngestionRunRepo;
  quality: QualityRepo;
  models: ModelRegistry;
  forecasts: ForecastRepo;
  signals: SignalRepo;
  alerts: AlertRepo;
  outbox: OutboxRepo;
  audit: AuditRepo;
  promotions: PromotionRepo;
  users: UserRepo;
  requests: RequestLog;
  rateLimits: RateLimitRepo;
  subscriptions: SubscriptionRepo;
  reports: ReportRepo;
  /** Readings for /metrics and /healthz. */
  ops: OpsReadings;
  apiTokens: ApiTokenRepo;
  jobRuns: JobRunRepo;
  schedule: ScheduleReader;
}

/** The repositories, plus a unit of work: everything done through `transaction`'s repos commits or rolls back together. */
export interface Store extends Repos {
  transaction<T>(work: (repos: Repos) => Promise<T>): Promise<T>;
}
