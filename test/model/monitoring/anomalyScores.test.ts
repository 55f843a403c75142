import { describe, expect, it } from 'vitest';
import { sessionDate } from '../../../core/bars.ts';
import {
  ANOMALY_SCORE_FLAG,
  anomalyScores,
  robustZ,
  ROBUST_Z_CAP,
} from '../../../model/monitoring/index.ts';
import { readDaily } from '../../support/sharedData.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

function noisy(count: number, seed: number, scale: number, level = 0): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => level + scale * (random() - 0.5));
}

describe('robustZ', () => {
  it('measures in MAD-based standard deviations from the median', () => {
    // Median 3, MAD 1 → scale 1.4826.
    expect(robustZ([1, 2, 3, 4, 5], 6)).toBeCloseTo(3 / 1.482602218505602, 12);
    expect(robustZ([1, 2, 3, 4, 5], 3)).toBe(0);
    // One wild value in the window barely moves the scale.
    expect(robustZ([1, 2, 3, 4, 1000], 6)).toBeCloseTo(3 / 1.482602218505602, 12);
  });

  it('falls back to the mean absolute deviation, then a finite cap, when the MAD is 0', () => {
    expect(robustZ([0, 0, 0, 0, 5], 5)).toBeCloseTo(5 / (Math.sqrt(Math.PI / 2) * 1), 12);
    expect(robustZ([2, 2, 2], 3)).toBe(ROBUST_Z_CAP);
    expect(robustZ([2, 2, 2], 1)).toBe(-ROBUST_Z_CAP);
  });
});

describe('anomalyScores', () => {
  const returns = noisy(200, 1, 0.02);
  const volumes = noisy(200, 2, 2e5, 1e6);
  returns[150] = 0.3;

  it('is null through the warm-up and a score afterwards', () => {
    const scores = anomalyScores(returns, volumes, 60);
    expect(scores).toHaveLength(200);
    expect(scores.slice(0, 60).every((s) => s == null)).toBe(true);
    expect(scores.slice(60).every((s) => s != null)).toBe(true);
  });

  it('scores the bar against the window before it, not including itself', () => {
    const scores = anomalyScores(returns, volumes, 60);
    expect(scores[150]!.returnZ).toBeCloseTo(robustZ(returns.slice(90, 150), 0.3), 12);
    expect(scores[150]!.score).toBe(Math.max(Math.abs(scores[150]!.returnZ!), Math.abs(scores[150]!.volumeZ!)));
    expect(scores[150]!.score).toBeGreaterThan(ANOMALY_SCORE_FLAG);
    const quiet = scores.slice(60).filter((s, i) => i + 60 !== 150);
    expect(Math.max(...quiet.map((s) => s!.score))).toBeLessThan(3);
  });

  it('flags a volume burst with a quiet return, and a volume of 0', () => {
    const burst = volumes.slice();
    burst[120] = 2e7;
    burst[130] = 0;
    const scores = anomalyScores(returns, burst, 60);
    expect(scores[120]!.volumeZ!).toBeGreaterThan(ANOMALY_SCORE_FLAG);
    expect(scores[130]!.volumeZ!).toBeLessThan(-ANOMALY_SCORE_FLAG);
  });

  it('skips missing values: NaN gives a null component, not a NaN score', () => {
    const gappy = returns.slice();
    gappy[100] = NaN;
    const scores = anomalyScores(gappy, volumes, 60);
    expect(scores[100]!.returnZ).toBeNull();
    expect(scores[100]!.score).toBe(Math.abs(scores[100]!.volumeZ!));
    expect(Number.isFinite(scores[101]!.score)).toBe(true);
    expect(() => anomalyScores([1, 2], [1], 60)).toThrow(RangeError);
  });

  it('flags AMD on 2016-04-22 (+52%) and its zero-volume placeholder bar of 2015-01-02 in the real data', () => {
    const bars = readDaily('AMD');
    const dates = bars.map((bar) => sessionDate(bar.ts));
    const logPrice = bars.map((bar) => Math.log(bar.adjClose ?? bar.close));
    const logReturns = logPrice.map((value, i) => (i === 0 ? NaN : value - logPrice[i - 1]!));
    const scores = anomalyScores(logReturns, bars.map((bar) => bar.volume));
    const jump = scores[dates.indexOf('2016-04-22')]!;
    expect(jump.score).toBeGreaterThan(ANOMALY_SCORE_FLAG);
    expect(jump.returnZ!).toBeGreaterThan(ANOMALY_SCORE_FLAG);
    expect(scores[dates.indexOf('2015-01-02')]!.volumeZ!).toBeLessThan(-ANOMALY_SCORE_FLAG);
    // And it stays a rare flag: well under 1% of AMD's bars.
    const scored = scores.filter((s) => s != null);
    expect(scored.filter((s) => s!.score > ANOMALY_SCORE_FLAG).length / scored.length).toBeLessThan(0.01);
  });
});
