import { describe, expect, it } from 'vitest';
import type { EvaluationRow, VersionMetrics } from '../../core/model.ts';
import { promotionGate } from '../../model/promotionGate.ts';

function row(model: string, mase: number, coverage80: number, coverage95: number): EvaluationRow {
  return {
    ticker: 'ALL', model, horizon: 1, n: 500, rmse: 0.01, mae: 0.008 * mase, mase, u2: mase, hitRate: 0.5, hitRateLow: 0.45,
    hitRateHigh: 0.55, coverage80, coverage95, winkler80: 0.04, winkler95: 0.06,
  };
}

function metrics(lstm: [number, number, number], naive: [number, number, number] = [1, 0.78, 0.93]): VersionMetrics {
  return { from: '2025-01-02', to: '2025-12-31', retrainEvery: 250, rows: [row('lstm', ...lstm), row('naive', ...naive)] };
}

describe('promotionGate', () => {
  it('passes a challenger that matches naive and the champion on MASE and coverage', () => {
    const verdict = promotionGate(metrics([0.995, 0.8, 0.95]), metrics([0.998, 0.79, 0.95]));
    expect(verdict.passed).toBe(true);
    expect(verdict.checks.map((c) => c.name)).toEqual([
      'mase vs naive', 'coverage80 vs naive', 'coverage95 vs naive', 'mase vs champion', 'coverage80 vs champion', 'coverage95 vs champion',
    ]);
  });

  it('refuses a challenger worse than the random walk, naming the check', () => {
    const verdict = promotionGate(metrics([1.004, 0.8, 0.95]), null);
    expect(verdict.passed).toBe(false);
    expect(verdict.checks.filter((c) => !c.passed).map((c) => c.name)).toEqual(['mase vs naive']);
  });

  it('refuses a challenger worse than the champion even when it beats naive', () => {
    const verdict = promotionGate(metrics([0.99, 0.8, 0.95]), metrics([0.98, 0.8, 0.95]));
    expect(verdict.checks.find((c) => c.name === 'mase vs champion')?.passed).toBe(false);
    expect(verdict.passed).toBe(false);
  });

  it('judges coverage by distance from nominal, with the configured tolerance', () => {
    // naive is 2 points off at 80%; the challenger 4 points off (too wide) fails with tolerance 0.01, passes with 0.03.
    const challenger = metrics([0.99, 0.84, 0.95]);
    expect(promotionGate(challenger, null, { maseTolerance: 0, coverageTolerance: 0.01 }).passed).toBe(false);
    expect(promotionGate(challenger, null, { maseTolerance: 0, coverageTolerance: 0.03 }).passed).toBe(true);
  });

  it('lets a MASE tolerance admit a challenger that is marginally worse', () => {
    expect(promotionGate(metrics([1.004, 0.8, 0.95]), null, { maseTolerance: 0.005, coverageTolerance: 0.01 }).passed).toBe(true);
  });

  it('never passes a version without walk-forward figures', () => {
    const verdict = promotionGate(null, null);
    expect(verdict.passed).toBe(false);
    expect(verdict.checks[0]?.detail).toMatch(/no walk-forward figures/);
  });
});
