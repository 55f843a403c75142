import { describe, expect, it } from 'vitest';
import { momentum } from '../../../pipeline/features/momentum.ts';

describe('momentum', () => {
  it('is close / close period bars ago - 1, from index period', () => {
    expect(momentum([10, 11, 12, 15], 2)).toEqual([null, null, 0.19999999999999996, 15 / 11 - 1]);
  });

  it('is null where the older close is zero', () => {
    expect(momentum([0, 1, 2], 1)).toEqual([null, null, 1]);
  });
});
