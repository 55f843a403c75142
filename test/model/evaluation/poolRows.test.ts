import { describe, expect, it } from 'vitest';
import {
  evaluateForecasts,
  normalQuantile,
  poolRows,
  POOLED_TICKER,
  type ForecastSample,
  type QuantileSet,
} from '../../../model/evaluation/index.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

function band(p50: number, half: number): QuantileSet {
  return { p025: p50 - 2 * half, p10: p50 - half, p50, p90: p50 + half, p975: p50 + 2 * half };
}

/** Returns of the given scale, and a forecast that sees `skill` of each one (0 = no skill, the random walk). */
function samplesFor(count: number, sigma: number, skill: number, seed: number, scale = 1): ForecastSample[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const actual = sigma * normalQuantile(random() * 0.998 + 0.001);
    return { actual: scale * actual, forecast: band(scale * skill * actual, scale * sigma * 1.28) };
  });
}

describe('poolRows', () => {
  // KO-like: quiet, and the model helps. TSLA-like: 40× the volatility, and the model is the random walk.
  const quiet = samplesFor(300, 0.01, 0.5, 1);
  const wild = samplesFor(200, 0.4, 0, 2);
  const rows = [
    evaluateForecasts(quiet, { ticker: 'KO', model: 'lstm', horizon: 1 }),
    evaluateForecasts(wild, { ticker: 'TSLA', model: 'lstm', horizon: 1 }),
  ];

  it('pools MASE as the n-weighted mean of per-ticker MASE, i.e. mean |e| / that ticker’s naive MAE', () => {
    const [pooled] = poolRows(rows);
    const [ko, tsla] = rows;
    expect(pooled!.ticker).toBe(POOLED_TICKER);
    expect(pooled!.n).toBe(500);
    expect(pooled!.mase).toBeCloseTo((300 * ko!.mase! + 200 * tsla!.mase!) / 500, 12);
    const scaled = [
      ...quiet.map((s) => Math.abs(s.forecast.p50 - s.actual) / ko!.mae! * ko!.mase!),
      ...wild.map((s) => Math.abs(s.forecast.p50 - s.actual) / tsla!.mae! * tsla!.mase!),
    ];
    // mae/mase is the naive MAE, so this is mean over samples of |e| / naive MAE of the sample's ticker.
    expect(pooled!.mase).toBeCloseTo(scaled.reduce((a, b) => a + b, 0) / scaled.length, 12);
    expect(pooled!.u2).toBeCloseTo(Math.sqrt((300 * ko!.u2! ** 2 + 200 * tsla!.u2! ** 2) / 500), 12);
    // The quiet ticker's edge shows in the pooled figure (0.5 there, 1 on the wild one) …
    expect(ko!.mase).toBeCloseTo(0.5, 12);
    expect(tsla!.mase).toBe(1);
    expect(pooled!.mase).toBeCloseTo(0.7, 12);
    // … where a ratio of pooled MAEs would be all but the wild ticker's 1.
    const pooledMaeRatio = (300 * ko!.mae! + 200 * tsla!.mae!) / (300 * ko!.mae! / ko!.mase! + 200 * tsla!.mae! / tsla!.mase!);
    expect(pooledMaeRatio).toBeGreaterThan(0.98);
  });

  it('is unchanged when one ticker’s returns are multiplied by 100', () => {
    const scaledRows = [rows[0]!, evaluateForecasts(samplesFor(200, 0.4, 0, 2, 100), { ticker: 'TSLA', model: 'lstm', horizon: 1 })];
    const [before] = poolRows(rows);
    const [after] = poolRows(scaledRows);
    expect(after!.mase).toBeCloseTo(before!.mase!, 12);
    expect(after!.u2).toBeCloseTo(before!.u2!, 12);
    expect(after!.hitRate).toBe(before!.hitRate);
    expect(after!.coverage80).toBe(before!.coverage80);
    // RMSE and MAE stay in return units, so they do move.
    expect(after!.mae).toBeGreaterThan(10 * before!.mae!);
  });

  it('pools counts exactly: hit rate from pooled hits, coverage over all samples, RMSE over all squared errors', () => {
    const [pooled] = poolRows(rows);
    const all = [...quiet, ...wild];
    const hitSamples = all.filter((s) => s.forecast.p50 !== 0 && s.actual !== 0);
    const hits = hitSamples.filter((s) => Math.sign(s.forecast.p50) === Math.sign(s.actual)).length;
    expect(pooled!.hitN).toBe(hitSamples.length);
    expect(pooled!.hitN).toBe(300);
    expect(pooled!.hitRate).toBe(hits / hitSamples.length);
    const inside = all.filter((s) => s.forecast.p10 <= s.actual && s.actual <= s.forecast.p90).length;
    expect(pooled!.coverage80).toBeCloseTo(inside / all.length, 12);
    const squared = all.reduce((sum, s) => sum + (s.forecast.p50 - s.actual) ** 2, 0);
    expect(pooled!.rmse).toBeCloseTo(Math.sqrt(squared / all.length), 12);
  });

  it('keeps one pooled row per model and horizon and ignores rows already pooled', () => {
    const naive = rows.map((row) => ({ ...row, model: 'naive' }));
    const fiveDay = rows.map((row) => ({ ...row, horizon: 5 }));
    const stale = { ...rows[0]!, ticker: POOLED_TICKER, n: 10_000 };
    const pooled = poolRows([...rows, ...naive, ...fiveDay, stale]);
    expect(pooled.map((row) => `${row.model}/${row.horizon}`).sort()).toEqual(['lstm/1', 'lstm/5', 'naive/1']);
    expect(pooled.every((row) => row.n === 500)).toBe(true);
  });

  it('skips undefined figures instead of counting them as 0', () => {
    const empty = evaluateForecasts([], { ticker: 'XOM', model: 'lstm', horizon: 1 });
    const [pooled] = poolRows([...rows, empty]);
    const [without] = poolRows(rows);
    expect(pooled).toEqual(without);
  });
});
