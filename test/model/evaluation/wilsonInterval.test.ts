import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../model/evaluation/index.ts';

describe('wilsonInterval', () => {
  it('gives the textbook 95% interval for 8 of 10', () => {
    const { low, high } = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
  });

  it('is not degenerate at 0/n and n/n, unlike the normal-approximation interval', () => {
    expect(wilsonInterval(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775328, 6) });
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7224672, 6);
    expect(all.high).toBeCloseTo(1, 12);
  });

  it('narrows with n and honours a different z', () => {
    const wide = wilsonInterval(55, 100);
    expect(wide.low).toBeCloseTo(0.452446, 5);
    expect(wide.high).toBeCloseTo(0.643855, 5);
    const narrow = wilsonInterval(55, 100, 1);
    expect(narrow.high! - narrow.low!).toBeLessThan(wide.high! - wide.low!);
  });

  it('is null with no trials and refuses impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: null, high: null });
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 10)).toThrow(RangeError);
  });
});
