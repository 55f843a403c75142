import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rollingMoments } from '../../../pipeline/features/rollingMoments.ts';
import { rollingStd } from '../../../pipeline/features/rollingStd.ts';
import { rollingZScore } from '../../../pipeline/features/rollingZScore.ts';
import { sma } from '../../../pipeline/features/sma.ts';

/** Two-pass mean and variance of one window, the textbook way. */
function twoPass(window: number[], ddof: 0 | 1): { mean: number; variance: number } {
  const mean = window.reduce((a, b) => a + b, 0) / window.length;
  const squares = window.reduce((a, x) => a + (x - mean) ** 2, 0);
  return { mean, variance: squares / (window.length - ddof) };
}

describe('rollingMoments / sma / rollingStd', () => {
  it('is null until the window is full, then the window mean', () => {
    expect(sma([1, 2, 3, 4, 5], 3)).toEqual([null, null, 2, 3, 4]);
    expect(rollingStd([1, 2, 3, 4], 2, 1)).toEqual([null, Math.SQRT1_2, Math.SQRT1_2, Math.SQRT1_2]);
  });

  it('needs a full window of numbers: a null restarts the warm-up', () => {
    expect(sma([null, 1, 2, null, 3, 4, 5], 2)).toEqual([null, null, 1.5, null, null, 3.5, 4.5]);
  });

  it('gives exactly variance 0 and the value itself for a flat window, however the sums drifted', () => {
    // The sums are anchored at index 3 and then slide the large values out; by themselves they would leave
    // mean 87.89999999999958 and variance 1e-7 at index 5 (found by search with the flat-window rule disabled).
    const values = [137717.85714285713, 598.3007065289787, 87.9, 87.9, 87.9, 87.9, 87.9];
    const { mean, variance } = rollingMoments(values, 4, 1);
    expect(variance[4]).toBeGreaterThan(0);
    expect(mean.slice(5)).toEqual([87.9, 87.9]);
    expect(variance.slice(5)).toEqual([0, 0]);
  });

  it('agrees with a from-scratch two-pass computation over long series, even far from zero', () => {
    const series = fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 600 });
    fc.assert(
      fc.property(series, fc.integer({ min: 2, max: 40 }), fc.constantFrom(0, 1e3, 1e6), (noise, period, level) => {
        const values = noise.map((x) => level + x);
        const { mean, variance } = rollingMoments(values, period, 1);
        for (let i = period - 1; i < values.length; i++) {
          const exact = twoPass(values.slice(i - period + 1, i + 1), 1);
          expect(Math.abs(mean[i]! - exact.mean)).toBeLessThanOrEqual(1e-12 * Math.max(1, level));
          expect(Math.abs(variance[i]! - exact.variance)).toBeLessThanOrEqual(1e-9 * Math.max(exact.variance, 1e-6));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('rejects a window it cannot compute (sample std of one value)', () => {
    expect(() => rollingStd([1, 2], 1, 1)).toThrow(RangeError);
    expect(() => sma([1, 2], 0)).toThrow(RangeError);
  });
});

describe('rollingZScore', () => {
  it('scores the current value against its own window (sample std)', () => {
    const z = rollingZScore([1, 2, 3], 3);
    expect(z[2]).toBeCloseTo(1, 12); // mean 2, sample std 1
  });

  it('is null, not NaN, for a window without spread', () => {
    expect(rollingZScore([5, 5, 5, 0, 7], 3)).toEqual([null, null, null, expect.any(Number), expect.any(Number)]);
  });
});
