import { describe, expect, it } from 'vitest';
import { ema } from '../../../pipeline/features/ema.ts';
import { wilderAverage } from '../../../pipeline/features/wilderAverage.ts';

describe('ema', () => {
  it('is seeded with the SMA of its first period values, then alpha = 2/(period+1)', () => {
    expect(ema([1, 2, 3, 4, 5], 3)).toEqual([null, null, 2, 3, 4]);
    expect(ema([2, 4, 10], 3)[2]).toBeCloseTo(16 / 3, 14);
  });

  it('skips leading nulls and restarts its seed after a gap', () => {
    expect(ema([null, 1, 3, 5, null, 2, 4], 2)).toEqual([null, null, 2, 4, null, null, 3]);
  });
});

describe('wilderAverage', () => {
  it('is seeded with the mean of the first period values, then (previous·(n-1) + x) / n', () => {
    expect(wilderAverage([null, 1, 2, 3, 4], 2)).toEqual([null, null, 1.5, 2.25, 3.125]);
  });
});
