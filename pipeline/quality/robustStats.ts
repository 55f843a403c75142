import { MAD_TO_SIGMA } from './qualityThresholds.ts';

/** Median and MAD-based sigma: one crash day in the window moves them hardly at all, unlike a mean and std dev. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation scaled to estimate the standard deviation of normally distributed values. */
export function madSigma(values: readonly number[], center = median(values)): number {
  return MAD_TO_SIGMA * median(values.map((value) => Math.abs(value - center)));
}
