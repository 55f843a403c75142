/**
 * What a forecast is, independent of how it is made or shown. The core returns these objects; Slack blocks,
 * Discord embeds, report cells and `--json` are renderings of them.
 */

/** The quantile levels every model predicts, lowest first. */
export const QUANTILE_LEVELS = [0.025, 0.1, 0.5, 0.9, 0.975] as const;
export type QuantileLevel = (typeof QUANTILE_LEVELS)[number];

/** Field names of the quantile levels, in the order of `QUANTILE_LEVELS`. */
export const QUANTILE_KEYS = ['p025', 'p10', 'p50', 'p90', 'p975'] as const;
export type QuantileKey = (typeof QUANTILE_KEYS)[number];

/** The longest horizon (trading sessions ahead) a model answers for. */
export const MAX_HORIZON = 5;

/** One future session: price quantiles of its close. */
export interface ForecastPoint {
  /** Session date, `YYYY-MM-DD`. */
  date: string;
  p025: number;
  p10: number;
  p50: number;
  p90: number;
  p975: number;
}

/** How the model has done lately against "tomorrow = today", walk-forward. */
export interface Skill {
  /** MAE of the model's median over the random walk's (below 1: better than naive). */
  mase: number | null;
  /** Theil's U2: RMSE over the random walk's. */
  u2: number | null;
  /** Share of sessions where the median called the direction right, with its Wilson 95% interval. */
  hitRate: number | null;
  hitRateLow: number | null;
  hitRateHigh: number | null;
  /** Share of realised closes inside the 80% and 95% intervals. */
  coverage80: number | null;
  coverage95: number | null;
  /** Number of forecasts the figures rest on. */
  n: number;
  /** What the figures describe, e.g. `2025-06-13..2026-06-12 walk-forward, 1-day`. */
  window: string;
}

/** A driver of one forecast: how much the forecast moves when that input is scrambled. */
export interface Driver {
  input: string;
  importance: number;
}

export interface Forecast {
  ticker: string;
  /** The last session whose close the forecast starts from, `YYYY-MM-DD`. */
  asOf: string;
  horizon: number;
  modelVersion: string;
  lastClose: number;
  /** What the user is shown: the model's path where it has an edge, else the random-walk + volatility path. */
  points: ForecastPoint[];
  /** The model's own path, always, so a reader can see what was set aside. */
  modelPoints: ForecastPoint[];
  skill: Skill;
  /** True when the model has shown an edge over naive (MASE < 1 and coverage within tolerance). */
  edge: boolean;
  /** One line saying why the answer is (or is not) the model's. */
  edgeReason: string;
  /** Top three drivers of this forecast. */
  drivers: Driver[];
}
