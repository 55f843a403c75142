import type { EvaluationRow, VersionMetrics } from '../core/model.ts';
import { POOLED_TICKER } from './evaluation/index.ts';
import { MODEL_ROW_NAME } from './evaluateRecords.ts';

export interface GateThresholds {
  /** How much higher than the bar (the champion's and naive's MASE) a challenger's MASE may be. */
  maseTolerance: number;
  /** How many points further from nominal than the bar a challenger's 80% / 95% coverage may be. */
  coverageTolerance: number;
}

export const DEFAULT_GATE: GateThresholds = { maseTolerance: 0, coverageTolerance: 0.01 };

export interface GateCheck {
  name: string;
  passed: boolean;
  detail: string;
}

export interface GateVerdict {
  passed: boolean;
  checks: GateCheck[];
}

/** The pooled one-session row of a model in a version's walk-forward figures. */
export function pooledRow(metrics: VersionMetrics | null, model = MODEL_ROW_NAME, horizon = 1): EvaluationRow | null {
  return metrics?.rows.find((row) => row.ticker === POOLED_TICKER && row.model === model && row.horizon === horizon) ?? null;
}

const fmt = (value: number) => value.toFixed(3);

/**
 * May the challenger become champion? Its pooled walk-forward MASE and its 80% and 95% coverage errors must be no
 * worse than the champion's (when there is one) and the random walk's, within the thresholds. A version without
 * walk-forward figures never passes: an unjudged model is not promoted.
 */
export function promotionGate(challenger: VersionMetrics | null, champion: VersionMetrics | null, thresholds: GateThresholds = DEFAULT_GATE): GateVerdict {
  const model = pooledRow(challenger);
  const naive = pooledRow(challenger, 'naive');
  if (!model || model.mase == null || model.coverage80 == null || model.coverage95 == null) {
    return { passed: false, checks: [{ name: 'figures', passed: false, detail: 'the version has no walk-forward figures to judge it by' }] };
  }
  const bars: { who: string; row: EvaluationRow }[] = [];
  if (naive) bars.push({ who: 'naive', row: naive });
  const championRow = pooledRow(champion);
  if (championRow) bars.push({ who: 'champion', row: championRow });
  const checks: GateCheck[] = [];
  for (const { who, row } of bars) {
    if (row.mase != null) {
      const limit = row.mase + thresholds.maseTolerance;
      checks.push({ name: `mase vs ${who}`, passed: model.mase <= limit, detail: `MASE ${fmt(model.mase)} vs ${who}'s ${fmt(row.mase)} (limit ${fmt(limit)})` });
    }
    for (const [level, key] of [[0.8, 'coverage80'], [0.95, 'coverage95']] as const) {
      const theirs = row[key];
      if (theirs == null) continue;
      const error = Math.abs(model[key]! - level);
      const limit = Math.abs(theirs - level) + thresholds.coverageTolerance;
      checks.push({
        name: `${key} vs ${who}`,
        passed: error <= limit + 1e-12,
        detail: `${key} ${fmt(model[key]!)} is ${fmt(error)} off ${level} vs ${who}'s ${fmt(Math.abs(theirs - level))} (limit ${fmt(limit)})`,
      });
    }
  }
  return { passed: checks.every((check) => check.passed), checks };
}
