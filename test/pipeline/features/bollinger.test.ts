import { describe, expect, it } from 'vitest';
import { bollinger } from '../../../pipeline/features/bollinger.ts';

describe('bollinger', () => {
  it('uses the population std (ddof 0) around the SMA', () => {
    const bands = bollinger([1, 2, 3], 3, 2);
    const sigma = Math.sqrt(2 / 3);
    expect(bands.middle[2]).toBe(2);
    expect(bands.upper[2]).toBeCloseTo(2 + 2 * sigma, 14);
    expect(bands.pctB[2]).toBeCloseTo((1 + 2 * sigma) / (4 * sigma), 14);
    expect(bands.bandwidth[2]).toBeCloseTo((4 * sigma) / 2, 14);
  });

  it('gives %B null and bandwidth 0 for a flat window, never NaN', () => {
    const bands = bollinger([4, 4, 4, 4], 3, 2);
    expect(bands.pctB).toEqual([null, null, null, null]);
    expect(bands.bandwidth).toEqual([null, null, 0, 0]);
  });
});
