import { rollingMoments } from './rollingMoments.ts';
import type { ReadonlySeries, Series } from './series.ts';

/** Simple moving average: mean of the last `period` values, first defined at index `period - 1`. */
export function sma(values: ReadonlySeries, period: number): Series {
  return rollingMoments(values, period, 0).mean;
}
