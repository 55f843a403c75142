import { seededAverage } from './seededAverage.ts';
import type { ReadonlySeries, Series } from './series.ts';

/** Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of its first `period` values. */
export function ema(values: ReadonlySeries, period: number): Series {
  const alpha = 2 / (period + 1);
  return seededAverage(values, period, (previous, x) => previous + alpha * (x - previous));
}
