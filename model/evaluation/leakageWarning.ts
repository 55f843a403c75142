import type { EvaluationRow } from '../../core/model.ts';
import { POOLED_TICKER } from './poolRows.ts';

/** Pooled U2 below this is suspicious: daily returns are nearly unpredictable, so a 5% RMSE cut is already rare. */
export const LEAKAGE_U2 = 0.95;

/**
 * A warning when some model's U2 is far below 1, naming the worst one; null when none is. Looks at the pooled
 * (`ALL`) rows where there are any, else at every row. A forecaster that beats the random walk by that much on
 * returns has almost always seen the future (a target in its inputs, a scaler fitted on test rows), so the
 * figure is an alarm, not a win.
 */
export function leakageWarning(rows: readonly EvaluationRow[], threshold = LEAKAGE_U2): string | null {
  const pooled = rows.filter((row) => row.ticker === POOLED_TICKER);
  let worst: EvaluationRow | null = null;
  for (const row of pooled.length > 0 ? pooled : rows) {
    if (row.u2 != null && row.u2 < threshold && (worst?.u2 == null || row.u2 < worst.u2)) worst = row;
  }
  if (worst?.u2 == null) return null;
  const where = worst.ticker === POOLED_TICKER ? '' : ` on ${worst.ticker}`;
  return `${worst.model} ${worst.horizon}-session U2 ${worst.u2.toFixed(2)}${where} is far below 1: check for leakage, not a win`;
}
