import { describe, expect, it } from 'vitest';
import { binIndex, referenceFrom } from '../../../model/monitoring/index.ts';

describe('referenceFrom', () => {
  it('cuts distinct values into deciles of a tenth each', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    const reference = referenceFrom(values);
    expect(reference.edges).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90]);
    reference.shares.forEach((share) => expect(share).toBeCloseTo(0.1, 12));
  });

  it('merges cut points on ties and counts the real shares', () => {
    const values = [...new Array<number>(50).fill(0), ...Array.from({ length: 50 }, (_, i) => i + 1)];
    const reference = referenceFrom(values);
    expect(reference.edges).toEqual([0, 10, 20, 30, 40]);
    expect(reference.shares.map((s) => Number(s.toFixed(12)))).toEqual([0.5, 0.1, 0.1, 0.1, 0.1, 0.1]);
  });

  it('gives a constant column one cut at its value, so a rise shows', () => {
    expect(referenceFrom([3, 3, 3, 3])).toEqual({ edges: [3], shares: [1, 0] });
  });

  it('skips non-finite values and refuses a column with none', () => {
    expect(referenceFrom([1, 2, NaN, 3, 4, Infinity], 2)).toEqual({ edges: [2], shares: [0.5, 0.5] });
    expect(() => referenceFrom([NaN])).toThrow(RangeError);
    expect(() => referenceFrom([1, 2], 1)).toThrow(RangeError);
  });
});

describe('binIndex', () => {
  it('puts a value on a cut point in the bin below it, and values beyond the range in the outer bins', () => {
    const edges = [1, 2, 3];
    expect([-100, 1, 1.5, 2, 3, 3.01, 1e9].map((v) => binIndex(edges, v))).toEqual([0, 0, 1, 1, 2, 3, 3]);
    expect(binIndex([], 5)).toBe(0);
  });
});
