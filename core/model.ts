import type { Forecast, ForecastPoint, Skill } from './forecast.ts';

/**
 * The model registry's vocabulary: version bundles, the figures they are judged by, aliases and their moves.
 * model/ makes bundles, storage/ keeps them, the CLI and chat show them.
 */

/**
 * One row of a walk-forward evaluation: a model (or baseline) on one ticker, or pooled as `ALL`. The skill figures
 * a forecast carries are a subset of these.
 */
export interface EvaluationRow extends Omit<Skill, 'window'> {
  ticker: string;
  /** `lstm`, or a baseline: `naive` (random walk), `drift`, `sma`, `mean`. */
  model: string;
  horizon: number;
  rmse: number | null;
  mae: number | null;
  winkler80: number | null;
  winkler95: number | null;
}

/** A version's walk-forward figures, as stored with it and compared by the promotion gate. */
export interface VersionMetrics {
  /** First and last forecast origin, `YYYY-MM-DD`. */
  from: string;
  to: string;
  retrainEvery: number;
  rows: EvaluationRow[];
}

/** The z-score scaler of the model inputs, fitted on the training rows only. */
export interface InputScaler {
  mean: number[];
  std: number[];
  clip: number;
}

/**
 * Reference distribution of an input over the training rows, for drift checks (decile edges, shares): one per
 * ticker trained on, and one pooled over all of them (`ticker` null) for tickers the model never saw.
 */
export interface InputReference {
  input: string;
  ticker: string | null;
  edges: number[];
  shares: number[];
}

/** Everything needed to rebuild the model and to judge it. */
export interface ModelBundle {
  kind: string;
  /** Model inputs in column order; a model refuses to predict on any other list. */
  featureList: string[];
  scaler: InputScaler;
  /** Architecture and training settings, calibration and seed: whatever the kind needs to rebuild itself. */
  params: Record<string, unknown>;
  trainFrom: Date;
  trainTo: Date;
  /** Per ticker: the ingestion run and bar checksum the model was trained on. */
  dataSnapshot: { ticker: string; runId: number | null; checksum: string | null; bars: number }[];
  metrics: VersionMetrics | null;
  reference: InputReference[];
  weights: Uint8Array;
  backend: string;
  codeVersion: string;
}

export const ALIASES = ['champion', 'challenger'] as const;
export type Alias = (typeof ALIASES)[number];

/** A stored version without its weights. */
export interface ModelVersionInfo extends Omit<ModelBundle, 'weights'> {
  id: number;
  version: string;
  createdAt: Date;
  createdBy: string | null;
  retiredAt: Date | null;
  /** Aliases pointing at this version now. */
  aliases: Alias[];
  weightBytes: number;
}

export interface StoredModel extends ModelVersionInfo {
  weights: Uint8Array;
}

export interface AliasMove {
  alias: Alias;
  fromVersion: string | null;
  toVersion: string;
  reason: string;
  at: Date;
  by: string | null;
}

export interface ModelRegistry {
  /** Store a bundle as the next version (`v1`, `v2`, …) and return it. */
  save(bundle: ModelBundle, by: string | null): Promise<ModelVersionInfo>;
  list(): Promise<ModelVersionInfo[]>;
  /** A version by name (`v3`) or alias (`champion`); null when there is none. */
  find(ref: string): Promise<StoredModel | null>;
  /** The id and name a ref points at, without loading the bundle: cheap enough to ask on every forecast. */
  resolve(ref: string): Promise<{ id: number; version: string } | null>;
  /** Point an alias at a version, recording the move; returns the move. */
  moveAlias(alias: Alias, version: string, reason: string, by: string | null): Promise<AliasMove>;
  /** Point the alias back where its last move took it from; null when it has never moved from anywhere. */
  rollback(alias: Alias, by: string | null): Promise<AliasMove | null>;
  history(alias?: Alias): Promise<AliasMove[]>;
  /**
   * Retention: drop the weights of versions nobody can reach any more, keeping their metrics and lineage. Kept are
   * the newest `keep` versions, those an alias points at, and those named by the alias moves a rollback could walk
   * back through. Returns the versions retired by this call; a retired version cannot be promoted.
   */
  retire(keep: number): Promise<string[]>;
}

/** A signal kept for a version: input drift, live calibration, bar anomaly, forecast drivers. */
export interface ModelSignal {
  kind: 'drift' | 'calibration' | 'anomaly' | 'importance';
  ticker: string | null;
  /** Session date it describes, `YYYY-MM-DD`. */
  asOf: string;
  value: Record<string, unknown>;
}

export interface StoredSignal extends ModelSignal {
  version: string;
  createdAt: Date;
}

export interface SignalRepo {
  /** Replace the version's signal of this kind, ticker and date (re-running a day overwrites it). */
  record(version: string, signals: readonly ModelSignal[]): Promise<void>;
  /** The newest signals of a version, newest first. */
  latest(version: string, query?: { kind?: ModelSignal['kind']; ticker?: string; limit?: number }): Promise<StoredSignal[]>;
}

/** A forecast as stored: who made it and from which close. */
export interface StoredForecast {
  ticker: string;
  asOf: string;
  horizon: number;
  modelVersion: string | null;
  lastClose: number;
  points: ForecastPoint[];
  edge: boolean;
  createdAt: Date;
}

export interface ForecastRepo {
  /** Store (or, for the same ticker, date, horizon and version, replace) a forecast. */
  save(forecast: Forecast, versionId: number | null): Promise<void>;
  /** The newest stored forecasts, newest first; filtered by ticker and version when given. */
  recent(query: { ticker?: string; version?: string; limit: number }): Promise<StoredForecast[]>;
}
