import { describe, expect, it } from 'vitest';
import { crossingProbability, levelZ, probabilityAbove, probabilityBelow } from '../../alerts/crossingProbability.ts';
import { ANOMALY_SESSIONS, lastBarAnomaly } from '../../alerts/lastBarAnomaly.ts';
import { observe, type ObservationInputs } from '../../alerts/observe.ts';
import type { RecentSession } from '../../alerts/recentSessions.ts';
import { ANOMALY_WINDOW } from '../../model/monitoring/anomalyScores.ts';

const Z = [-1.9599639845400538, -1.2815515655446008, 0, 1.2815515655446008, 1.9599639845400536];
const point = (p025: number, p10: number, p50: number, p90: number, p975: number) => ({ p025, p10, p50, p90, p975 });
/** Quantiles of a log-normal close: median 100, log sd 0.1. */
const logNormal = (median: number, sd: number) => {
  const [a, b, c, d, e] = Z.map((z) => median * Math.exp(sd * z)) as [number, number, number, number, number];
  return point(a, b, c, d, e);
};
const skewed = point(80, 90, 100, 110, 120);

describe('forecast probabilities from five quantiles', () => {
  it('is exact for a log-normal forecast', () => {
    // P(close < 90) = Φ(ln 0.9 / 0.1) = Φ(-1.053605) = 0.146032
    expect(probabilityBelow(logNormal(100, 0.1), 90)).toBeCloseTo(0.1460318636790746, 12);
    expect(probabilityAbove(logNormal(100, 0.1), 110)).toBeCloseTo(0.17026924760728057, 12); // 1 - Φ(ln 1.1 / 0.1) = 1 - Φ(0.953102)
  });

  it('interpolates in z between quantiles and extrapolates the outer segments', () => {
    // 95 lies between p10 = 90 and p50 = 100: z = -1.28155 + ln(95/90)/ln(100/90) · 1.28155 = -0.623905
    expect(levelZ(skewed, 95)).toBeCloseTo(-0.6239054669947693, 12);
    expect(probabilityBelow(skewed, 95)).toBeCloseTo(0.2663448348715918, 12);
    // 70 lies under p025 = 80: the p025–p10 line continued, z = -1.95996 + ln(70/80) · 0.678412 / ln(90/80) = -2.729085
    expect(levelZ(skewed, 70)).toBeCloseTo(-2.7290845508202075, 12);
    expect(probabilityBelow(skewed, 70)).toBeCloseTo(0.00317552089245704, 12);
    // 130 lies over p975 = 120: the p90–p975 line continued, P(above) = 1 - Φ(2.584043)
    expect(probabilityAbove(skewed, 130)).toBeCloseTo(0.004882482180308845, 12);
    expect(probabilityAbove(skewed, 115)).toBeCloseTo(0.05174822206826424, 12);
    // At the quantiles themselves the levels come back.
    expect(probabilityBelow(skewed, 90)).toBeCloseTo(0.1, 12);
    expect(probabilityBelow(skewed, 100)).toBe(0.5);
    expect(probabilityAbove(skewed, 120)).toBeCloseTo(0.025, 12);
  });

  it('puts crossed quantiles in order and treats a point mass as all or nothing', () => {
    expect(probabilityBelow(point(90, 80, 100, 110, 120), 95)).toBeCloseTo(0.2663448348715918, 12);
    const flat = point(100, 100, 100, 100, 100);
    expect(probabilityBelow(flat, 99)).toBe(0);
    expect(probabilityBelow(flat, 101)).toBe(1);
    expect(probabilityBelow(flat, 100)).toBe(0.5);
  });

  it('takes the largest per-session chance within the window', () => {
    // The band widens with the horizon, so the chance of a close under 90 grows: 0.146, 0.241, 0.299.
    const points = [logNormal(100, 0.1), logNormal(100, 0.15), logNormal(100, 0.2), logNormal(130, 0.1)];
    const two = crossingProbability(points, 'below', 90, 2);
    expect(two.horizon).toBe(2);
    expect(two.probability).toBeCloseTo(0.24121380101809203, 12); // Φ(ln 0.9 / 0.15) = Φ(-0.702403)
    expect(crossingProbability(points, 'below', 90, 4)).toMatchObject({ horizon: 3 });
    expect(crossingProbability(points, 'above', 120, 4)).toMatchObject({ horizon: 4 });
    expect(crossingProbability(points, 'below', 90, 1).probability).toBeCloseTo(0.1460318636790746, 12);
    expect(() => crossingProbability(points, 'below', 90, 5)).toThrow(RangeError);
  });
});

const DAY0 = Date.UTC(2024, 0, 1);
function sessions(closes: readonly number[], options: { unreal?: number[]; volumes?: readonly number[] } = {}): RecentSession[] {
  return closes.map((close, i) => ({
    date: new Date(DAY0 + i * 86_400_000).toISOString().slice(0, 10),
    close,
    adjClose: close,
    volume: options.volumes?.[i] ?? 1000,
    real: !options.unreal?.includes(i),
  }));
}
const none: ObservationInputs = { sessions: [], forecast: null, anomaly: null, quality: null };

describe('observe', () => {
  it('checks a price level against the newest real close', () => {
    const inputs = { ...none, sessions: sessions([240, 249.99, 250, 260], { unreal: [3] }) };
    expect(observe({ kind: 'price_above', level: 250 }, inputs)).toEqual({
      holds: true, asOf: '2024-01-03', value: 250, detail: 'closed at 250 on 2024-01-03, at or above 250',
    });
    expect(observe({ kind: 'price_above', level: 250.01 }, inputs)).toMatchObject({ holds: false, detail: 'closed at 250 on 2024-01-03, below 250.01' });
    expect(observe({ kind: 'price_below', level: 250 }, inputs)).toMatchObject({ holds: true, value: 250 });
    expect(observe({ kind: 'price_below', level: 249 }, inputs)).toMatchObject({ holds: false });
    expect(observe({ kind: 'price_below', level: 249 }, { ...none, sessions: sessions([1], { unreal: [0] }) })).toBeNull();
  });

  it('measures a move over sessions of the grid, either way', () => {
    const inputs = { ...none, sessions: sessions([100, 104, 98, 105, 94]) };
    // 94 / 98 - 1 = -4.0816% over 2 sessions; 94 / 100 - 1 = -6% over 4.
    const two = observe({ kind: 'pct_move', percent: 4, sessions: 2 }, inputs)!;
    expect(two.holds).toBe(true);
    expect(two.value).toBeCloseTo(-4.081632653, 8);
    expect(two.detail).toBe('-4.08% from 98 on 2024-01-03 to 94 on 2024-01-05');
    expect(observe({ kind: 'pct_move', percent: 4.1, sessions: 2 }, inputs)!.holds).toBe(false);
    expect(observe({ kind: 'pct_move', percent: 6, sessions: 4 }, inputs)).toMatchObject({ holds: true, asOf: '2024-01-05' });
    // 95 → 105 in one session: +10.53%.
    expect(observe({ kind: 'pct_move', percent: 10, sessions: 1 }, { ...none, sessions: sessions([95, 105]) })).toMatchObject({ holds: true, detail: '+10.5% from 95 on 2024-01-01 to 105 on 2024-01-02' });
    expect(observe({ kind: 'pct_move', percent: 1, sessions: 5 }, inputs)).toBeNull();
  });

  it('reads the forecast probability and refuses a forecast too short for the window', () => {
    const forecast = { asOf: '2024-01-05', modelVersion: 'v3', edge: true, points: [logNormal(100, 0.1), logNormal(100, 0.15)] };
    const observed = observe({ kind: 'forecast_prob', side: 'below', level: 90, within: 2, probability: 0.24 }, { ...none, forecast })!;
    expect(observed).toMatchObject({ holds: true, asOf: '2024-01-05' });
    expect(observed.value).toBeCloseTo(0.24121380101809203, 12);
    expect(observed.detail).toBe('P(close below 90) is 24.1% at 2 sessions ahead (forecast from 2024-01-05, model v3)');
    expect(observe({ kind: 'forecast_prob', side: 'below', level: 90, within: 2, probability: 0.25 }, { ...none, forecast })!.holds).toBe(false);
    expect(observe({ kind: 'forecast_prob', side: 'below', level: 90, within: 3, probability: 0.1 }, { ...none, forecast })).toBeNull();
    expect(observe({ kind: 'forecast_prob', side: 'below', level: 90, within: 1, probability: 0.1 }, none)).toBeNull();
    const fallback = { ...forecast, edge: false, modelVersion: null };
    expect(observe({ kind: 'forecast_prob', side: 'above', level: 110, within: 1, probability: 0.1 }, { ...none, forecast: fallback })!.detail)
      .toBe('P(close above 110) is 17% at 1 session ahead (forecast from 2024-01-05, random-walk band, the model has no edge)');
    const broken = { ...forecast, points: [point(0, 90, 100, 110, 120)] };
    expect(observe({ kind: 'forecast_prob', side: 'above', level: 110, within: 1, probability: 0.1 }, { ...none, forecast: broken })).toBeNull();
  });

  it('compares the anomaly score with the threshold, inclusive', () => {
    const anomaly = { asOf: '2024-03-01', score: 3, returnZ: -3, volumeZ: 1.23456 };
    expect(observe({ kind: 'anomaly', threshold: 3 }, { ...none, anomaly })).toEqual({
      holds: true, asOf: '2024-03-01', value: 3, detail: 'anomaly score 3 on 2024-03-01 (return z -3, volume z 1.23)',
    });
    expect(observe({ kind: 'anomaly', threshold: 3.5 }, { ...none, anomaly })!.holds).toBe(false);
    expect(observe({ kind: 'anomaly', threshold: 3 }, none)).toBeNull();
  });

  it('holds while the quality gate blocks the series, dated by its newest bar', () => {
    const inputs = { ...none, sessions: sessions([10, 11]) };
    expect(observe({ kind: 'quality' }, { ...inputs, quality: { publishable: false, reason: '3 placeholder bars' } })).toEqual({
      holds: true, asOf: '2024-01-02', value: null, detail: 'the daily series fails the quality gate: 3 placeholder bars',
    });
    expect(observe({ kind: 'quality' }, { ...inputs, quality: { publishable: true, reason: null } })!.holds).toBe(false);
    expect(observe({ kind: 'quality' }, inputs)).toBeNull();
    expect(observe({ kind: 'quality' }, { ...none, quality: { publishable: false, reason: null } })).toBeNull();
  });
});

describe('lastBarAnomaly', () => {
  // A calm series: returns alternate ±1%, volume alternates 1000 / 1100.
  const calm = (n: number) => Array.from({ length: n }, (_, i) => 100 * (i % 2 === 0 ? 1 : 1.01));
  const calmVolumes = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1000 : 1100));

  it('needs a full window behind the newest real session', () => {
    expect(lastBarAnomaly(sessions(calm(ANOMALY_SESSIONS - 1), { volumes: calmVolumes(ANOMALY_SESSIONS - 1) }))).toBeNull();
    expect(lastBarAnomaly([])).toBeNull();
    expect(lastBarAnomaly(sessions(calm(ANOMALY_SESSIONS), { volumes: calmVolumes(ANOMALY_SESSIONS) }))).not.toBeNull();
  });

  it('scores a jump far above a calm window, and skips a made-up last row', () => {
    const closes = [...calm(ANOMALY_WINDOW + 1), 130];
    const volumes = [...calmVolumes(ANOMALY_WINDOW + 1), 1050];
    const scored = lastBarAnomaly(sessions(closes, { volumes }))!;
    expect(scored.asOf).toBe(sessions(closes).at(-1)!.date);
    expect(scored.returnZ!).toBeGreaterThan(10);
    expect(scored.score).toBe(Math.abs(scored.returnZ!));
    // The same series with a forward-filled row after the jump: the jump is still the newest real session.
    const filled = sessions([...closes, 130], { volumes: [...volumes, 0], unreal: [closes.length] });
    expect(lastBarAnomaly(filled)).toEqual(scored);
  });
});
