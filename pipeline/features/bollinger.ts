import { rollingMoments } from './rollingMoments.ts';
import { emptySeries, type ReadonlySeries, type Series } from './series.ts';

export interface Bollinger {
  middle: Series;
  upper: Series;
  lower: Series;
  /** (x - lower) / (upper - lower); null when the bands coincide (a flat window). */
  pctB: Series;
  /** (upper - lower) / middle; 0 for a flat window, null if the middle band is 0. */
  bandwidth: Series;
}

/** Bollinger bands: SMA(period) ± k population standard deviations (ddof 0, Bollinger's own definition). */
export function bollinger(values: ReadonlySeries, period = 20, k = 2): Bollinger {
  const { mean, variance } = rollingMoments(values, period, 0);
  const out: Bollinger = {
    middle: mean,
    upper: emptySeries(values.length),
    lower: emptySeries(values.length),
    pctB: emptySeries(values.length),
    bandwidth: emptySeries(values.length),
  };
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    const middle = mean[i];
    const v = variance[i];
    if (x == null || middle == null || v == null) continue;
    const halfWidth = k * Math.sqrt(v);
    out.upper[i] = middle + halfWidth;
    out.lower[i] = middle - halfWidth;
    if (halfWidth > 0) out.pctB[i] = (x - (middle - halfWidth)) / (2 * halfWidth);
    if (middle !== 0) out.bandwidth[i] = (2 * halfWidth) / middle;
  }
  return out;
}
