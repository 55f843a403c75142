import { describe, expect, it } from 'vitest';
import { winklerScore } from '../../../model/evaluation/index.ts';

describe('winklerScore', () => {
  it('is the width when the value is inside, boundaries included', () => {
    expect(winklerScore(0, 1, 0.5, 0.2)).toBe(1);
    expect(winklerScore(0, 1, 0, 0.2)).toBe(1);
    expect(winklerScore(0, 1, 1, 0.05)).toBe(1);
  });

  it('adds 2/alpha times the miss on either side', () => {
    expect(winklerScore(0, 1, 1.5, 0.2)).toBeCloseTo(1 + 10 * 0.5, 12);
    expect(winklerScore(0, 1, -1, 0.05)).toBeCloseTo(1 + 40 * 1, 12);
  });
});
