export { normalQuantile } from './normalQuantile.ts';
export { normalCdf, normalSurvival } from './normalCdf.ts';
export { wilsonInterval, Z_95, type ProportionInterval } from './wilsonInterval.ts';
export { winklerScore } from './winklerScore.ts';
export type { QuantileSet } from './quantileSet.ts';
export {
  evaluateForecasts,
  type EvaluationLabel,
  type ForecastEvaluation,
  type ForecastSample,
} from './evaluateForecasts.ts';
export { poolRows, POOLED_TICKER } from './poolRows.ts';
export { rwVolQuantiles, QUANTILE_Z } from './rwVolQuantiles.ts';
export { BASELINE_NAMES, createBaselines, SMA_WINDOW, type BaselineName, type Baselines } from './baselines.ts';
export { leakageWarning, LEAKAGE_U2 } from './leakageWarning.ts';
