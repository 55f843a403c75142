import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, normalSurvival } from '../../../model/evaluation/index.ts';

// Reference values: scipy.stats.norm.ppf / norm.cdf (double precision).
describe('normalQuantile', () => {
  it('matches published percentage points to 1e-12', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959963984540054, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 12);
    expect(normalQuantile(0.8)).toBeCloseTo(0.8416212335729143, 12);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('keeps its accuracy deep in both tails (the AS241 far-tail branch)', () => {
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 10);
    expect(normalQuantile(1e-20)).toBeCloseTo(-9.262340089798409, 10);
    expect(normalQuantile(0.999999)).toBeCloseTo(4.753424308817087, 10);
  });

  it('inverts normalCdf across the range', () => {
    for (const p of [1e-8, 0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999]) {
      expect(normalCdf(normalQuantile(p)) / p).toBeCloseTo(1, 12);
    }
  });

  it('gives the infinities at 0 and 1 and refuses probabilities outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(RangeError);
  });
});

describe('normalCdf', () => {
  it('matches reference values in the centre and across the series/continued-fraction switch at 3', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normalCdf(-2.9999) / 0.0013503412829546368).toBeCloseTo(1, 10);
    expect(normalCdf(-3.0001) / 0.0013494549132607168).toBeCloseTo(1, 10);
  });

  it('keeps relative accuracy for tiny tail probabilities', () => {
    expect(normalCdf(-10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    expect(normalSurvival(10) / 7.619853024160527e-24).toBeCloseTo(1, 10);
    expect(normalSurvival(-1)).toBeCloseTo(0.8413447460685429, 14);
  });
});
