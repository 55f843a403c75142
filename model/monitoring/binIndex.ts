/**
 * The bin a value falls in, given ascending interior cut points: bin i holds (edges[i-1], edges[i]], the first bin
 * everything up to edges[0] and the last everything above the last edge. The outer bins are open so that live
 * values beyond the training range still land somewhere, which is exactly the drift to be seen.
 */
export function binIndex(edges: readonly number[], value: number): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (value <= edges[middle]!) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Shares of the finite values in each of the edges.length + 1 bins; null when there is no finite value. */
export function binShares(edges: readonly number[], values: ArrayLike<number>): number[] | null {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    if (!Number.isFinite(value)) continue;
    counts[binIndex(edges, value)]!++;
    n++;
  }
  return n === 0 ? null : counts.map((count) => count / n);
}
