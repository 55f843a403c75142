import { QUANTILE_KEYS, QUANTILE_LEVELS, type ForecastPoint } from '../core/forecast.ts';
import { normalCdf, normalSurvival } from '../model/evaluation/normalCdf.ts';
import { normalQuantile } from '../model/evaluation/normalQuantile.ts';

/** Normal z of each quantile level: -1.96, -1.28, 0, 1.28, 1.96. */
const LEVEL_Z = QUANTILE_LEVELS.map(normalQuantile);

export type ForecastQuantiles = Pick<ForecastPoint, (typeof QUANTILE_KEYS)[number]>;

/**
 * Where `level` sits in one session's forecast distribution, as a normal z: the five quantiles, taken as points
 * (z of their level, log price), are joined by straight lines, and the outer two segments are continued past the
 * 2.5% and 97.5% quantiles. With a log-normal forecast this is exact; otherwise it keeps the forecast's own skew and
 * spread between the quantiles and a normal-shaped tail beyond them. Crossed quantiles are put in order first (the
 * usual rearrangement); a flat segment (two equal quantiles) makes the CDF jump there.
 */
export function levelZ(point: ForecastQuantiles, level: number): number {
  const logs = QUANTILE_KEYS.map((key) => Math.log(point[key])).sort((a, b) => a - b);
  const x = Math.log(level);
  const last = logs.length - 1;
  if (x < logs[0]!) return extrapolate(logs, 0, 1, x);
  if (x > logs[last]!) return extrapolate(logs, last - 1, last, x);
  for (let i = 0; i < last; i++) {
    const lo = logs[i]!;
    const hi = logs[i + 1]!;
    if (lo <= x && x <= hi && hi > lo) return LEVEL_Z[i]! + ((x - lo) / (hi - lo)) * (LEVEL_Z[i + 1]! - LEVEL_Z[i]!);
  }
  // Every quantile equals the level: the forecast is a point mass on it; call it even odds.
  return 0;
}

function extrapolate(logs: readonly number[], i: number, j: number, x: number): number {
  const run = logs[j]! - logs[i]!;
  if (run === 0) return x < logs[i]! ? -Infinity : Infinity;
  return LEVEL_Z[i]! + ((x - logs[i]!) / run) * (LEVEL_Z[j]! - LEVEL_Z[i]!);
}

/** P(close < level) for one session's forecast. */
export function probabilityBelow(point: ForecastQuantiles, level: number): number {
  return normalCdf(levelZ(point, level));
}

/** P(close > level) for one session's forecast (computed directly, so small tail probabilities keep their digits). */
export function probabilityAbove(point: ForecastQuantiles, level: number): number {
  return normalSurvival(levelZ(point, level));
}

export interface CrossingProbability {
  /** The largest single-session probability over the window. */
  probability: number;
  /** The session ahead (1-based) it belongs to. */
  horizon: number;
}

/**
 * The chance the close is beyond `level` on some session within the first `within` points of a forecast, as the
 * largest of the per-session chances. The forecast gives each session's distribution but not how the sessions move
 * together, and "some close in the window crosses" contains each "session h's close crosses", so this maximum is a
 * lower bound of the true chance (a path can dip below and recover before the last session). It is the figure the
 * forecast can back; the rule "P ≥ 30%" fires when the forecast itself says 30% or more for some session.
 */
export function crossingProbability(
  points: readonly ForecastQuantiles[],
  side: 'below' | 'above',
  level: number,
  within: number,
): CrossingProbability {
  if (within < 1 || points.length < within) throw new RangeError(`crossingProbability: ${points.length} points cannot cover ${within} sessions`);
  const chance = side === 'below' ? probabilityBelow : probabilityAbove;
  let best: CrossingProbability = { probability: -1, horizon: 1 };
  for (let h = 1; h <= within; h++) {
    const probability = chance(points[h - 1]!, level);
    if (probability > best.probability) best = { probability, horizon: h };
  }
  return best;
}
