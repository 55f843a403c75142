import type { EvaluationRow } from '../../core/model.ts';
import type { QuantileSet } from './quantileSet.ts';
import { wilsonInterval } from './wilsonInterval.ts';
import { winklerScore } from './winklerScore.ts';

/** One walk-forward forecast next to what happened: all values are h-session cumulative log returns. */
export interface ForecastSample {
  /** The realised log return from the origin's close to the target session's close. */
  actual: number;
  forecast: QuantileSet;
  /** The random walk's point forecast; a log return of 0 ("tomorrow = today") unless given. */
  naive?: number;
}

/** Which row the figures belong to. */
export interface EvaluationLabel {
  ticker: string;
  model: string;
  horizon: number;
}

/** An `EvaluationRow` plus the count the hit rate rests on, which pooling needs (zeros are left out of it). */
export interface ForecastEvaluation extends EvaluationRow {
  hitN: number;
}

/**
 * Scores one model on one ticker and horizon.
 *
 * `mase` is the out-of-sample relative MAE, MAE(model) / MAE(random walk) on the very same samples, not Hyndman's
 * MASE, which scales by the in-sample MAE of one-step naive forecasts of the series itself. For a price series that
 * scale is the mean absolute daily change; but we forecast returns, whose "naive" in Hyndman's sense would be
 * yesterday's return — a baseline nobody uses. The question the product asks is "better than tomorrow = today?",
 * and the ratio on the same samples answers exactly that: the random walk scores 1 by construction, and the ratio
 * is unit-free, so tickers of different volatility can be pooled. `u2` (Theil's U2) is the same ratio for RMSE.
 */
export function evaluateForecasts(samples: readonly ForecastSample[], label: EvaluationLabel): ForecastEvaluation {
  let squared = 0;
  let absolute = 0;
  let naiveSquared = 0;
  let naiveAbsolute = 0;
  let hits = 0;
  let hitN = 0;
  let inside80 = 0;
  let inside95 = 0;
  let winkler80 = 0;
  let winkler95 = 0;
  for (const { actual, forecast, naive = 0 } of samples) {
    assertFinite(actual, forecast, naive);
    const error = forecast.p50 - actual;
    const naiveError = naive - actual;
    squared += error * error;
    absolute += Math.abs(error);
    naiveSquared += naiveError * naiveError;
    naiveAbsolute += Math.abs(naiveError);
    // A zero point forecast calls no direction and a zero return has none, so neither counts for or against.
    if (forecast.p50 !== 0 && actual !== 0) {
      hitN++;
      if (Math.sign(forecast.p50) === Math.sign(actual)) hits++;
    }
    if (forecast.p10 <= actual && actual <= forecast.p90) inside80++;
    if (forecast.p025 <= actual && actual <= forecast.p975) inside95++;
    winkler80 += winklerScore(forecast.p10, forecast.p90, actual, 0.2);
    winkler95 += winklerScore(forecast.p025, forecast.p975, actual, 0.05);
  }
  const n = samples.length;
  const hitInterval = wilsonInterval(hits, hitN);
  return {
    ...label,
    n,
    rmse: n > 0 ? Math.sqrt(squared / n) : null,
    mae: n > 0 ? absolute / n : null,
    mase: ratio(absolute, naiveAbsolute),
    u2: ratio(Math.sqrt(squared), Math.sqrt(naiveSquared)),
    hitRate: hitN > 0 ? hits / hitN : null,
    hitRateLow: hitInterval.low,
    hitRateHigh: hitInterval.high,
    hitN,
    coverage80: n > 0 ? inside80 / n : null,
    coverage95: n > 0 ? inside95 / n : null,
    winkler80: n > 0 ? winkler80 / n : null,
    winkler95: n > 0 ? winkler95 / n : null,
  };
}

/** Null where the baseline made no error at all: the ratio is undefined, not infinite. */
function ratio(model: number, naive: number): number | null {
  return naive > 0 ? model / naive : null;
}

function assertFinite(actual: number, forecast: QuantileSet, naive: number): void {
  const values = [actual, naive, forecast.p025, forecast.p10, forecast.p50, forecast.p90, forecast.p975];
  if (!values.every(Number.isFinite)) {
    throw new RangeError(`evaluateForecasts: non-finite value in sample ${JSON.stringify({ actual, forecast, naive })}`);
  }
}
