import { describe, expect, it } from 'vitest';
import type { EvaluationRow } from '../../../core/model.ts';
import {
  evaluateForecasts,
  normalQuantile,
  rwVolQuantiles,
  type ForecastSample,
  type QuantileSet,
} from '../../../model/evaluation/index.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

const label = { ticker: 'AAPL', model: 'lstm', horizon: 1 };

function band(p50: number, half80: number, half95: number): QuantileSet {
  return { p025: p50 - half95, p10: p50 - half80, p50, p90: p50 + half80, p975: p50 + half95 };
}

function randomReturns(count: number, sigma: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => sigma * normalQuantile(random() * 0.999 + 0.0005));
}

describe('evaluateForecasts', () => {
  it('computes every figure of a hand-worked case', () => {
    const samples: ForecastSample[] = [
      { actual: 0.01, forecast: band(0.02, 0.015, 0.03) },
      { actual: -0.02, forecast: band(-0.01, 0.015, 0.03) },
      // p50 of 0 calls no direction: left out of the hit rate. 0.03 sits exactly on p975: inside.
      { actual: 0.03, forecast: { p025: -0.03, p10: -0.015, p50: 0, p90: 0.015, p975: 0.03 } },
    ];
    const row = evaluateForecasts(samples, label);
    // Errors 0.01, 0.01, -0.03; the random walk's -0.01, 0.02, -0.03.
    expect(row).toMatchObject({ ticker: 'AAPL', model: 'lstm', horizon: 1, n: 3, hitN: 2, hitRate: 1 });
    expect(row.mae).toBeCloseTo(0.05 / 3, 12);
    expect(row.rmse).toBeCloseTo(Math.sqrt(11e-4 / 3), 12);
    expect(row.mase).toBeCloseTo(0.05 / 0.06, 12);
    expect(row.u2).toBeCloseTo(Math.sqrt(11 / 14), 12);
    expect(row.coverage80).toBeCloseTo(2 / 3, 12);
    expect(row.coverage95).toBe(1);
    expect(row.winkler80).toBeCloseTo((0.03 + 0.03 + 0.03 + 10 * 0.015) / 3, 12);
    expect(row.winkler95).toBeCloseTo(0.06, 12);
    // Wilson for 2 of 2.
    expect(row.hitRateLow).toBeCloseTo(0.342380, 5);
    expect(row.hitRateHigh).toBeCloseTo(1, 12);
  });

  it('returns exactly the EvaluationRow fields plus hitN', () => {
    const row = evaluateForecasts([{ actual: 0.01, forecast: band(0.01, 0.01, 0.02) }], label);
    const fields: (keyof EvaluationRow)[] = ['ticker', 'model', 'horizon', 'n', 'rmse', 'mae', 'mase', 'u2', 'hitRate',
      'hitRateLow', 'hitRateHigh', 'coverage80', 'coverage95', 'winkler80', 'winkler95'];
    expect(Object.keys(row).sort()).toEqual([...fields, 'hitN'].sort());
  });

  it('scores the random walk against itself at MASE = U2 = 1 exactly, with no hit rate', () => {
    const actuals = randomReturns(500, 0.02, 7);
    const row = evaluateForecasts(actuals.map((actual) => ({ actual, forecast: rwVolQuantiles(0, 0.02, 1) })), label);
    expect(row.mase).toBe(1);
    expect(row.u2).toBe(1);
    expect(row.hitRate).toBeNull();
    expect(row.hitN).toBe(0);
    expect(row.hitRateLow).toBeNull();
    // The interval is the true distribution's, so coverage lands near nominal.
    expect(row.coverage80).toBeGreaterThan(0.74);
    expect(row.coverage80).toBeLessThan(0.86);
  });

  it('scores a perfect point forecast at MASE 0 and hit rate 1', () => {
    const actuals = randomReturns(200, 0.01, 3);
    const row = evaluateForecasts(actuals.map((actual) => ({ actual, forecast: band(actual, 0.001, 0.002) })), label);
    expect(row.mase).toBe(0);
    expect(row.u2).toBe(0);
    expect(row.rmse).toBe(0);
    expect(row.hitRate).toBe(1);
    expect(row.coverage95).toBe(1);
  });

  it('scores a forecast with the sign always wrong at hit rate 0 and MASE above 1', () => {
    const actuals = randomReturns(200, 0.01, 4).filter((a) => a !== 0);
    const row = evaluateForecasts(actuals.map((actual) => ({ actual, forecast: band(-actual, 0.01, 0.02) })), label);
    expect(row.hitRate).toBe(0);
    expect(row.mase).toBeCloseTo(2, 12);
  });

  it('measures against a given naive point instead of 0', () => {
    const row = evaluateForecasts([{ actual: 0.02, forecast: band(0.01, 0.01, 0.02), naive: 0.015 }], label);
    expect(row.mase).toBeCloseTo(0.01 / 0.005, 12);
  });

  it('leaves every figure null with no samples, and refuses non-finite values', () => {
    const row = evaluateForecasts([], label);
    expect(row).toMatchObject({ n: 0, rmse: null, mae: null, mase: null, u2: null, hitRate: null, coverage80: null, winkler95: null });
    expect(() => evaluateForecasts([{ actual: NaN, forecast: band(0, 0.01, 0.02) }], label)).toThrow(RangeError);
  });
});
