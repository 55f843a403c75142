import { seededAverage } from './seededAverage.ts';
import type { ReadonlySeries, Series } from './series.ts';

/** Wilder's smoothing (alpha = 1 / period), seeded with the simple mean of its first `period` values. */
export function wilderAverage(values: ReadonlySeries, period: number): Series {
  return seededAverage(values, period, (previous, x) => (previous * (period - 1) + x) / period);
}
