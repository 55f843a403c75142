import { rollingMoments } from './rollingMoments.ts';
import type { ReadonlySeries, Series } from './series.ts';

/**
 * (x - mean) / std over the last `period` values, the current one included (sample std by default).
 * Null where the window has no spread: every value is then its own mean and a score would be 0/0.
 */
export function rollingZScore(values: ReadonlySeries, period: number, ddof: 0 | 1 = 1): Series {
  const { mean, variance } = rollingMoments(values, period, ddof);
  return values.map((x, i) => {
    const m = mean[i];
    const v = variance[i];
    return x == null || m == null || v == null || v === 0 ? null : (x - m) / Math.sqrt(v);
  });
}
