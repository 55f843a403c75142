import { binShares } from './binIndex.ts';
import type { BinnedDistribution } from './referenceFrom.ts';

/** Conventional PSI reading: below 0.1 stable, 0.1 to 0.25 worth watching, above 0.25 the input has drifted. */
export const PSI_WATCH = 0.1;
export const PSI_DRIFT = 0.25;

/** Floor on a bin's share before taking logs, so an empty bin gives a large but finite term rather than infinity. */
export const PSI_EPSILON = 1e-4;

/**
 * Population stability index of live values against a training reference, over the reference's bins:
 * Σ (live_i - ref_i) · ln(live_i / ref_i). Null when there is no finite live value.
 */
export function populationStabilityIndex(reference: BinnedDistribution, values: ArrayLike<number>): number | null {
  if (reference.shares.length !== reference.edges.length + 1) {
    throw new RangeError(`populationStabilityIndex: ${reference.edges.length} edges need ${reference.edges.length + 1} shares`);
  }
  const live = binShares(reference.edges, values);
  if (live == null) return null;
  let psi = 0;
  live.forEach((liveShare, i) => {
    const actual = Math.max(liveShare, PSI_EPSILON);
    const expected = Math.max(reference.shares[i]!, PSI_EPSILON);
    psi += (actual - expected) * Math.log(actual / expected);
  });
  return psi;
}

export type DriftLevel = 'stable' | 'watch' | 'drift';

export function driftLevel(psi: number): DriftLevel {
  if (psi >= PSI_DRIFT) return 'drift';
  return psi >= PSI_WATCH ? 'watch' : 'stable';
}
