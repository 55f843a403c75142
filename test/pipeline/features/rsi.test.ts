import { describe, expect, it } from 'vitest';
import { rsi } from '../../../pipeline/features/rsi.ts';

describe('rsi', () => {
  it('first appears at index period (period changes need period + 1 closes)', () => {
    const values = rsi([1, 2, 1, 2, 3], 3);
    expect(values.slice(0, 3)).toEqual([null, null, null]);
    expect(values[3]).toBeCloseTo((100 * 2) / 3, 12); // gains 1,0,1 and losses 0,1,0
  });

  it('is 100 with no losses and 0 with no gains', () => {
    expect(rsi([1, 2, 3, 4, 5], 3).slice(3)).toEqual([100, 100]);
    expect(rsi([5, 4, 3, 2, 1], 3).slice(3)).toEqual([0, 0]);
  });

  it('is the neutral 50, not NaN, for a flat price', () => {
    expect(rsi([7, 7, 7, 7, 7], 3).slice(3)).toEqual([50, 50]);
  });

  it('uses Wilder smoothing after the first average', () => {
    // gains 1,1,0 -> avg 2/3, losses 0,0,1 -> 1/3; next change +2: gain (2/3·2 + 2)/3 = 10/9, loss (1/3·2)/3 = 2/9
    expect(rsi([0, 1, 2, 1, 3], 3)[4]).toBeCloseTo((100 * 10) / 12, 12);
  });
});
