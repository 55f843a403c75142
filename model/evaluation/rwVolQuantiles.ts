import { QUANTILE_KEYS, QUANTILE_LEVELS } from '../../core/forecast.ts';
import { normalQuantile } from './normalQuantile.ts';
import type { QuantileSet } from './quantileSet.ts';

/** z of each quantile level, in the order of `QUANTILE_KEYS`: ≈ -1.96, -1.28, 0, 1.28, 1.96. */
export const QUANTILE_Z: readonly number[] = QUANTILE_LEVELS.map(normalQuantile);

/**
 * Quantiles of the h-session log return under a random walk whose one-session returns are normal with the recent
 * volatility `sigma` (the sample std of the last 30 one-session log returns, `vol_30`): point + z_q·sigma·sqrt(h).
 * Every baseline's interval, and the product's answer wherever the model shows no edge over it.
 */
export function rwVolQuantiles(point: number, sigma: number, horizon: number): QuantileSet {
  if (!Number.isFinite(point) || !Number.isFinite(sigma) || sigma < 0) {
    throw new RangeError(`rwVolQuantiles: need a finite point and sigma >= 0, got ${point}, ${sigma}`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`rwVolQuantiles: horizon ${horizon} is not >= 1`);
  const spread = sigma * Math.sqrt(horizon);
  const set = {} as QuantileSet;
  QUANTILE_KEYS.forEach((key, i) => {
    // The median is the point itself, exactly (z of 0.5 is 0, but 0·spread would still be computed).
    set[key] = key === 'p50' ? point : point + QUANTILE_Z[i]! * spread;
  });
  return set;
}
