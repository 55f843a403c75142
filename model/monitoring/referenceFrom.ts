import type { InputReference } from '../../core/model.ts';
import { binShares } from './binIndex.ts';

/** A binned distribution: interior cut points (ascending, distinct) and the share of values in each bin. */
export type BinnedDistribution = Pick<InputReference, 'edges' | 'shares'>;

/**
 * The reference distribution of one input over its training values: the cut points of `bins` equal-count bins
 * (deciles by default) and the share of training values in each, bins as in `binIndex`. Non-finite values are
 * skipped. Ties collapse cut points, so a column with many equal values (volume 0, a capped RSI) gets fewer, uneven
 * bins rather than empty duplicates; shares are counted, not assumed to be 1/bins. A constant column gets one cut
 * at its value, shares [1, 0], so any live value above it shows as drift. Empty bins keep share 0 here; the PSI
 * floors shares at an epsilon when it takes logs.
 */
export function referenceFrom(values: ArrayLike<number>, bins = 10): BinnedDistribution {
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError(`referenceFrom: bins ${bins} is not an integer >= 2`);
  const sorted = Float64Array.from(values).filter(Number.isFinite).sort();
  const n = sorted.length;
  if (n === 0) throw new RangeError('referenceFrom: no finite values to build a reference from');
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    // The k/bins empirical quantile: the smallest value with at least k·n/bins values at or below it.
    const edge = sorted[Math.max(0, Math.ceil((k * n) / bins) - 1)]!;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return { edges, shares: binShares(edges, sorted)! };
}
