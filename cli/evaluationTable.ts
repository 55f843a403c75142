import type { EvaluationRow } from '../core/model.ts';
import { table } from './output.ts';

const num = (value: number | null, digits: number) => (value == null ? null : Number(value.toFixed(digits)));
const pct = (value: number | null) => (value == null ? null : `${(value * 100).toFixed(1)}%`);

/** Walk-forward figures as a table, one row per ticker and model (returns in basis points for readability). */
export function evaluationTable(rows: readonly EvaluationRow[]): string {
  return table(
    ['ticker', 'model', 'h', 'n', 'rmse bp', 'mae bp', 'mase', 'u2', 'hit', 'hit 95% CI', 'cov80', 'cov95', 'winkler80 bp'],
    rows.map((row) => [
      row.ticker, row.model, row.horizon, row.n,
      num(row.rmse == null ? null : row.rmse * 1e4, 1), num(row.mae == null ? null : row.mae * 1e4, 1),
      num(row.mase, 3), num(row.u2, 3), pct(row.hitRate),
      row.hitRateLow == null ? null : `${pct(row.hitRateLow)}..${pct(row.hitRateHigh)}`,
      pct(row.coverage80), pct(row.coverage95), num(row.winkler80 == null ? null : row.winkler80 * 1e4, 1),
    ]),
  );
}
