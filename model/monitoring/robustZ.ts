import { median } from '../../pipeline/quality/robustStats.ts';

/** MAD × this estimates the standard deviation of normal data. */
const MAD_TO_SIGMA = 1.482602218505602;
/** Mean absolute deviation × this does the same; the fallback when more than half the window is one value. */
const MEAN_ABS_TO_SIGMA = Math.sqrt(Math.PI / 2);
/** |z| is capped here so a window with no spread at all yields a large finite score (JSON has no Infinity). */
export const ROBUST_Z_CAP = 1000;

/**
 * How many robust standard deviations `value` lies from the median of `window` (signed). Median and MAD are used
 * rather than mean and std dev because one crash in the window would otherwise inflate the scale and hide the next.
 */
export function robustZ(window: readonly number[], value: number): number {
  const centre = median(window);
  const deviations = window.map((x) => Math.abs(x - centre));
  let scale = MAD_TO_SIGMA * median(deviations);
  if (scale === 0) scale = (MEAN_ABS_TO_SIGMA * deviations.reduce((sum, x) => sum + x, 0)) / deviations.length;
  const gap = value - centre;
  if (gap === 0) return 0;
  if (scale === 0) return Math.sign(gap) * ROBUST_Z_CAP;
  return Math.max(-ROBUST_Z_CAP, Math.min(ROBUST_Z_CAP, gap / scale));
}
