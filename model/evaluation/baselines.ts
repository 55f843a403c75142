import type { QuantileSet } from './quantileSet.ts';
import { rwVolQuantiles } from './rwVolQuantiles.ts';

/** The naive baselines every model is judged against, as named in the backtest's `model` column. */
export const BASELINE_NAMES = ['naive', 'drift', 'sma', 'mean'] as const;
export type BaselineName = (typeof BASELINE_NAMES)[number];

/** Sessions in the moving average the `sma` baseline reverts to. */
export const SMA_WINDOW = 20;

export interface Baselines {
  /** Sessions in the series. */
  readonly length: number;
  /**
   * The baseline's point forecast of the log return from session t's close to session t+h's, using the series up
   * to and including t only; null where the baseline is not yet defined (drift at t = 0, sma before 20 sessions).
   */
  pointAt(name: BaselineName, t: number, horizon: number): number | null;
  /** `pointAt` with the random-walk + volatility interval around it; `sigma` is the one-session vol at t. */
  quantilesAt(name: BaselineName, t: number, horizon: number, sigma: number): QuantileSet | null;
}

/**
 * Baselines over one ticker's log (adjusted) closes. Prefix sums are built once, so each forecast is O(1) and a
 * walk-forward loop can ask at every origin. Only log prices are taken: returns are their differences, and
 * passing both would let them disagree.
 *
 * - `naive`: 0 — the random walk, tomorrow = today.
 * - `drift`: h × the mean one-session log return over the whole history up to t, which telescopes to
 *   (ln P_t - ln P_0)/t: the random walk with drift.
 * - `sma`: ln(SMA_20(P)_t / P_t) — price reverts to its 20-session arithmetic mean, whatever h.
 * - `mean`: Hyndman's mean method on the log price, mean(ln P_0..ln P_t) - ln P_t — price reverts to its
 *   geometric mean over all history, whatever h.
 */
export function createBaselines(logPrices: Float64Array): Baselines {
  const length = logPrices.length;
  if (!logPrices.every(Number.isFinite)) throw new RangeError('createBaselines: log prices must all be finite');
  // prefix[i] = sum of the first i values, so a window sum is one subtraction.
  const logPrefix = new Float64Array(length + 1);
  const pricePrefix = new Float64Array(length + 1);
  for (let i = 0; i < length; i++) {
    logPrefix[i + 1] = logPrefix[i]! + logPrices[i]!;
    pricePrefix[i + 1] = pricePrefix[i]! + Math.exp(logPrices[i]!);
  }

  const pointAt = (name: BaselineName, t: number, horizon: number): number | null => {
    if (!Number.isInteger(t) || t < 0 || t >= length) throw new RangeError(`baselines: origin ${t} outside 0..${length - 1}`);
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`baselines: horizon ${horizon} is not >= 1`);
    const last = logPrices[t]!;
    switch (name) {
      case 'naive':
        return 0;
      case 'drift':
        return t === 0 ? null : (horizon * (last - logPrices[0]!)) / t;
      case 'sma': {
        if (t < SMA_WINDOW - 1) return null;
        const sma = (pricePrefix[t + 1]! - pricePrefix[t + 1 - SMA_WINDOW]!) / SMA_WINDOW;
        return Math.log(sma) - last;
      }
      case 'mean':
        return logPrefix[t + 1]! / (t + 1) - last;
    }
  };

  return {
    length,
    pointAt,
    quantilesAt(name, t, horizon, sigma) {
      const point = pointAt(name, t, horizon);
      return point == null || !Number.isFinite(sigma) ? null : rwVolQuantiles(point, sigma, horizon);
    },
  };
}
