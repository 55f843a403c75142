import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../model/evaluation/index.ts';
import {
  driftLevel,
  populationStabilityIndex,
  PSI_DRIFT,
  PSI_WATCH,
  referenceFrom,
} from '../../../model/monitoring/index.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

function normalSample(count: number, mean: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: count }, () => mean + normalQuantile(random() * 0.9998 + 0.0001));
}

describe('populationStabilityIndex', () => {
  const training = normalSample(5000, 0, 1);
  const reference = referenceFrom(training);

  it('is 0 for the training values themselves', () => {
    expect(populationStabilityIndex(reference, training)).toBe(0);
  });

  it('is small for a fresh sample of the same distribution and large for one shifted by one sd', () => {
    expect(populationStabilityIndex(reference, normalSample(2000, 0, 2))!).toBeLessThan(PSI_WATCH);
    expect(populationStabilityIndex(reference, normalSample(2000, 1, 3))!).toBeGreaterThan(PSI_DRIFT);
  });

  it('matches a hand-worked two-bin case', () => {
    const psi = populationStabilityIndex({ edges: [0], shares: [0.5, 0.5] }, [-1, 1, 1, 1]);
    // (0.25 - 0.5)·ln(0.25/0.5) + (0.75 - 0.5)·ln(0.75/0.5)
    expect(psi).toBeCloseTo(0.2746530721670274, 12);
  });

  it('stays finite when live values fill a bin the reference left empty', () => {
    const psi = populationStabilityIndex({ edges: [3], shares: [1, 0] }, [4, 5, 6]);
    expect(Number.isFinite(psi)).toBe(true);
    expect(psi!).toBeGreaterThan(PSI_DRIFT);
  });

  it('is null without live values and refuses a malformed reference', () => {
    expect(populationStabilityIndex(reference, [NaN])).toBeNull();
    expect(() => populationStabilityIndex({ edges: [1, 2], shares: [1] }, [1])).toThrow(RangeError);
  });

  it('reads on the conventional scale', () => {
    expect(PSI_WATCH).toBe(0.1);
    expect(PSI_DRIFT).toBe(0.25);
    expect([0.05, 0.1, 0.2, 0.25, 1].map(driftLevel)).toEqual(['stable', 'watch', 'watch', 'drift', 'drift']);
  });
});
