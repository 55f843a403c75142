import { rollingMoments } from './rollingMoments.ts';
import type { ReadonlySeries, Series } from './series.ts';

/** Standard deviation of the last `period` values; `ddof` 1 = sample (divisor period - 1), 0 = population. */
export function rollingStd(values: ReadonlySeries, period: number, ddof: 0 | 1): Series {
  return rollingMoments(values, period, ddof).variance.map((v) => (v == null ? null : Math.sqrt(v)));
}
