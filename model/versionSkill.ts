import type { Skill } from '../core/forecast.ts';
import type { VersionMetrics } from '../core/model.ts';
import { POOLED_TICKER } from './evaluation/index.ts';
import { MODEL_ROW_NAME } from './evaluateRecords.ts';

/** Coverage further than this from nominal (in share points) means the intervals cannot be trusted as stated. */
export const COVERAGE_TOLERANCE = 0.05;

/** Skill with no figures behind it, saying why in `window`. */
export function noSkill(why: string): Skill {
  return { mase: null, u2: null, hitRate: null, hitRateLow: null, hitRateHigh: null, coverage80: null, coverage95: null, n: 0, window: why };
}

/**
 * The model's recent skill for a ticker from its version's walk-forward figures: the ticker's own row when it was
 * evaluated (with enough forecasts to mean something), else the pooled one.
 */
export function versionSkill(metrics: VersionMetrics | null, ticker: string, horizon = 1, minimumN = 100): Skill {
  const rows = metrics?.rows.filter((row) => row.model === MODEL_ROW_NAME && row.horizon === horizon) ?? [];
  const own = rows.find((row) => row.ticker === ticker && row.n >= minimumN);
  const row = own ?? rows.find((r) => r.ticker === POOLED_TICKER);
  if (!metrics || !row) return noSkill('no walk-forward figures');
  const scope = own ? ticker : 'all tickers';
  return {
    mase: row.mase,
    u2: row.u2,
    hitRate: row.hitRate,
    hitRateLow: row.hitRateLow,
    hitRateHigh: row.hitRateHigh,
    coverage80: row.coverage80,
    coverage95: row.coverage95,
    n: row.n,
    window: `${metrics.from}..${metrics.to} walk-forward, ${horizon}-session, ${scope}`,
  };
}

/**
 * Has the model shown an edge over "tomorrow = today"? Only with a MASE below 1 and both interval coverages within
 * five points of nominal; otherwise the answer says so and shows the random walk + volatility interval instead.
 */
export function judgeEdge(skill: Skill): { edge: boolean; reason: string } {
  if (skill.mase == null || skill.coverage80 == null || skill.coverage95 == null) {
    return { edge: false, reason: 'The model has no walk-forward record yet; showing the random walk + volatility interval.' };
  }
  const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
  if (skill.mase >= 1) {
    return { edge: false, reason: `No edge over "tomorrow = today" lately (MASE ${skill.mase.toFixed(3)} ≥ 1); showing the random walk + volatility interval.` };
  }
  const off80 = Math.abs(skill.coverage80 - 0.8);
  const off95 = Math.abs(skill.coverage95 - 0.95);
  if (off80 > COVERAGE_TOLERANCE || off95 > COVERAGE_TOLERANCE) {
    return {
      edge: false,
      reason: `The model's intervals missed their stated coverage (80%: ${pct(skill.coverage80)}, 95%: ${pct(skill.coverage95)}); showing the random walk + volatility interval.`,
    };
  }
  return { edge: true, reason: `The model has beaten "tomorrow = today" lately (MASE ${skill.mase.toFixed(3)}, 80% coverage ${pct(skill.coverage80)}).` };
}
