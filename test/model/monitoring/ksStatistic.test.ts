import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../../model/evaluation/index.ts';
import { kolmogorovSurvival, ksStatistic } from '../../../model/monitoring/index.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

describe('ksStatistic', () => {
  it('finds the largest gap of a hand-worked pair', () => {
    // ECDF gaps at 1..5: 0.2, 0.4, 0.6-1/6, 0.8-2/6, 1-3/6 = 0.5.
    const { d, pValue } = ksStatistic([5, 1, 3, 2, 4], [3, 4, 5, 6, 7, 8]);
    expect(d).toBeCloseTo(0.5, 14);
    // λ = (√(30/11) + 0.12 + 0.11/√(30/11))·0.5 = 0.919027; Q_KS(λ) from scipy.special.kolmogorov.
    expect(pValue).toBeCloseTo(0.3670013850902251, 10);
  });

  it('steps over ties in both samples together', () => {
    expect(ksStatistic([1, 1, 2], [1, 2, 2]).d).toBeCloseTo(1 / 3, 14);
    expect(ksStatistic([1, 2, 3], [1, 2, 3])).toEqual({ d: 0, pValue: 1 });
  });

  it('is 1 with a tiny p-value for disjoint samples', () => {
    const result = ksStatistic(Array.from({ length: 50 }, (_, i) => i), Array.from({ length: 50 }, (_, i) => 100 + i));
    expect(result.d).toBe(1);
    expect(result.pValue).toBeLessThan(1e-15);
  });

  it('tells a shifted sample from a fresh one of the same distribution', () => {
    const random = seededRandom(5);
    const draw = (mean: number) => Array.from({ length: 1000 }, () => mean + normalQuantile(random() * 0.9998 + 0.0001));
    const base = draw(0);
    expect(ksStatistic(base, draw(0)).pValue).toBeGreaterThan(0.01);
    expect(ksStatistic(base, draw(0.3)).pValue).toBeLessThan(1e-6);
  });

  it('refuses an empty sample', () => {
    expect(() => ksStatistic([], [1])).toThrow(RangeError);
  });
});

describe('kolmogorovSurvival', () => {
  it('gives the classic critical values', () => {
    expect(kolmogorovSurvival(1.3581)).toBeCloseTo(0.0499996304316674, 10);
    expect(kolmogorovSurvival(1.2238)).toBeCloseTo(0.10002342783567782, 10);
    expect(kolmogorovSurvival(1.6276)).toBeCloseTo(0.010001537333060776, 10);
    expect(kolmogorovSurvival(0.5)).toBeCloseTo(0.9639452436648751, 10);
    expect(kolmogorovSurvival(0)).toBe(1);
  });
});
