import { describe, expect, it } from 'vitest';
import { BASELINE_NAMES, createBaselines, rwVolQuantiles, SMA_WINDOW } from '../../../model/evaluation/index.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

const logOf = (prices: number[]): Float64Array => Float64Array.from(prices, Math.log);

describe('createBaselines', () => {
  const prices = [100, 110, 99, 121, 90];
  const baselines = createBaselines(logOf(prices));

  it('naive forecasts a zero log return at every origin and horizon', () => {
    expect(baselines.pointAt('naive', 0, 1)).toBe(0);
    expect(baselines.pointAt('naive', 4, 5)).toBe(0);
  });

  it('drift is h times the mean one-session log return so far', () => {
    const meanReturn = (Math.log(110 / 100) + Math.log(99 / 110)) / 2;
    expect(baselines.pointAt('drift', 2, 1)).toBeCloseTo(meanReturn, 14);
    expect(baselines.pointAt('drift', 2, 3)).toBeCloseTo(3 * meanReturn, 14);
    expect(baselines.pointAt('drift', 0, 1)).toBeNull();
  });

  it('mean is the mean log price so far minus the last log price (geometric mean over the close)', () => {
    const geometricMean = Math.cbrt(100 * 110 * 99);
    expect(baselines.pointAt('mean', 2, 1)).toBeCloseTo(Math.log(geometricMean / 99), 14);
    expect(baselines.pointAt('mean', 2, 5)).toBeCloseTo(Math.log(geometricMean / 99), 14);
    expect(baselines.pointAt('mean', 0, 1)).toBe(0);
  });

  it('sma is ln(SMA_20 / close), undefined until 20 sessions exist', () => {
    const ramp = createBaselines(logOf(Array.from({ length: 25 }, (_, i) => i + 1)));
    expect(SMA_WINDOW).toBe(20);
    expect(ramp.pointAt('sma', 18, 1)).toBeNull();
    // Closes 1..20: SMA 10.5, close 20.
    expect(ramp.pointAt('sma', 19, 1)).toBeCloseTo(Math.log(10.5 / 20), 12);
    // Closes 6..25: SMA 15.5, close 25.
    expect(ramp.pointAt('sma', 24, 3)).toBeCloseTo(Math.log(15.5 / 25), 12);
  });

  it('uses no data after the origin: changing the future leaves every past forecast as it was', () => {
    const random = seededRandom(11);
    const path = new Float64Array(300);
    for (let i = 1; i < path.length; i++) path[i] = path[i - 1]! + 0.02 * (random() - 0.5);
    const origin = 150;
    const altered = path.slice();
    for (let i = origin + 1; i < altered.length; i++) altered[i] = altered[i]! + 5 * random();
    const original = createBaselines(path);
    const changed = createBaselines(altered);
    for (const name of BASELINE_NAMES) {
      for (let t = 0; t <= origin; t++) {
        for (const h of [1, 5]) expect(changed.pointAt(name, t, h), `${name} t=${t} h=${h}`).toBe(original.pointAt(name, t, h));
      }
      expect(changed.pointAt(name, origin + 10, 1) === original.pointAt(name, origin + 10, 1)).toBe(name === 'naive');
    }
  });

  it('centres the random-walk + volatility interval on its point', () => {
    const bands = baselines.quantilesAt('drift', 3, 4, 0.02);
    expect(bands).toEqual(rwVolQuantiles(baselines.pointAt('drift', 3, 4)!, 0.02, 4));
    expect(baselines.quantilesAt('drift', 0, 1, 0.02)).toBeNull();
    expect(baselines.quantilesAt('naive', 3, 1, NaN)).toBeNull();
  });

  it('refuses origins outside the series, bad horizons and non-finite prices', () => {
    expect(() => baselines.pointAt('naive', 5, 1)).toThrow(RangeError);
    expect(() => baselines.pointAt('naive', -1, 1)).toThrow(RangeError);
    expect(() => baselines.pointAt('drift', 2, 0)).toThrow(RangeError);
    expect(() => createBaselines(Float64Array.from([1, NaN]))).toThrow(RangeError);
  });
});
