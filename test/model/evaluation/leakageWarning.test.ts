import { describe, expect, it } from 'vitest';
import type { EvaluationRow } from '../../../core/model.ts';
import { leakageWarning } from '../../../model/evaluation/index.ts';

function row(ticker: string, model: string, u2: number | null): EvaluationRow {
  return { ticker, model, horizon: 1, n: 100, rmse: 0.01, mae: 0.01, mase: u2, u2, hitRate: 0.5, hitRateLow: 0.4,
    hitRateHigh: 0.6, coverage80: 0.8, coverage95: 0.95, winkler80: 0.05, winkler95: 0.08 };
}

describe('leakageWarning', () => {
  it('names the model whose pooled U2 is far below 1', () => {
    const warning = leakageWarning([row('ALL', 'naive', 1), row('ALL', 'lstm', 0.81), row('AAPL', 'lstm', 0.7)]);
    expect(warning).toBe('lstm 1-session U2 0.81 is far below 1: check for leakage, not a win');
  });

  it('is quiet for an honest U2 near 1, even where one ticker is low by chance', () => {
    expect(leakageWarning([row('ALL', 'lstm', 0.97), row('ALL', 'drift', 1.01), row('KO', 'lstm', 0.9)])).toBeNull();
    expect(leakageWarning([row('ALL', 'lstm', null)])).toBeNull();
  });

  it('looks at per-ticker rows when nothing is pooled', () => {
    expect(leakageWarning([row('KO', 'lstm', 0.93), row('SPY', 'lstm', 0.6)])).toContain('U2 0.60 on SPY');
  });
});
