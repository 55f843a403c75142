import { describe, expect, it } from 'vitest';
import { sessionDate } from '../../../core/bars.ts';
import { QUANTILE_KEYS } from '../../../core/forecast.ts';
import { rwVolQuantiles } from '../../../model/evaluation/index.ts';
import { readDaily } from '../../support/sharedData.ts';

describe('rwVolQuantiles', () => {
  it('is point + z_q · sigma · sqrt(h)', () => {
    const bands = rwVolQuantiles(0.01, 0.02, 4);
    expect(bands.p50).toBe(0.01);
    expect(bands.p90).toBeCloseTo(0.01 + 1.2815515655446004 * 0.04, 14);
    expect(bands.p10).toBeCloseTo(0.01 - 1.2815515655446004 * 0.04, 14);
    expect(bands.p975).toBeCloseTo(0.01 + 1.959963984540054 * 0.04, 14);
    expect(bands.p025).toBeCloseTo(0.01 - 1.959963984540054 * 0.04, 14);
    expect(Object.keys(bands)).toEqual([...QUANTILE_KEYS]);
  });

  it('collapses to the point with zero volatility and refuses bad input', () => {
    expect(new Set(Object.values(rwVolQuantiles(0.003, 0, 2)))).toEqual(new Set([0.003]));
    expect(() => rwVolQuantiles(0, -0.01, 1)).toThrow(RangeError);
    expect(() => rwVolQuantiles(NaN, 0.01, 1)).toThrow(RangeError);
    expect(() => rwVolQuantiles(0, 0.01, 0)).toThrow(RangeError);
  });

  it('covers roughly its nominal share of real SPY returns, 2010-2020 (a sanity check, not a claim)', () => {
    const bars = readDaily('SPY');
    const logPrice = bars.map((bar) => Math.log(bar.adjClose ?? bar.close));
    const dates = bars.map((bar) => sessionDate(bar.ts));
    for (const horizon of [1, 5]) {
      let n = 0;
      let inside80 = 0;
      let inside95 = 0;
      for (let t = 31; t + horizon < bars.length; t++) {
        if (dates[t]! < '2010-01-01' || dates[t]! > '2020-12-31') continue;
        const returns = Array.from({ length: 30 }, (_, k) => logPrice[t - k]! - logPrice[t - k - 1]!);
        const mean = returns.reduce((a, b) => a + b, 0) / 30;
        const sigma = Math.sqrt(returns.reduce((a, b) => a + (b - mean) ** 2, 0) / 29);
        const bands = rwVolQuantiles(0, sigma, horizon);
        const actual = logPrice[t + horizon]! - logPrice[t]!;
        n++;
        if (bands.p10 <= actual && actual <= bands.p90) inside80++;
        if (bands.p025 <= actual && actual <= bands.p975) inside95++;
      }
      expect(n).toBeGreaterThan(2700);
      expect(inside80 / n).toBeGreaterThan(0.75);
      expect(inside80 / n).toBeLessThan(0.85);
      // Fat tails: the 95% band falls somewhat short, but not far.
      expect(inside95 / n).toBeGreaterThan(0.9);
      expect(inside95 / n).toBeLessThan(0.97);
    }
  });
});
