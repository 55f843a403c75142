import type { ForecastEvaluation } from './evaluateForecasts.ts';
import { wilsonInterval } from './wilsonInterval.ts';

/** The ticker name of pooled rows in the backtest JSON. */
export const POOLED_TICKER = 'ALL';

/**
 * Pools per-ticker rows into one `ALL` row per model and horizon (rows already named `ALL` are ignored).
 *
 * MASE and U2 are pooled so that they stay scale-free: each ticker's errors are first divided by that ticker's own
 * random-walk error, then averaged over all samples —
 *   MASE_ALL = Σ n_i·MASE_i / Σ n_i   (= mean over every sample of |e| / MAE_naive of its ticker),
 *   U2_ALL   = sqrt(Σ n_i·U2_i² / Σ n_i) (= RMS over every sample of e / RMSE_naive of its ticker).
 * The tempting alternative, pooled MAE / pooled naive MAE, lets the most volatile ticker (TSLA, AMD) decide the
 * verdict for all: a model that helps only on quiet KO and SPY would vanish in it. With the scale-free form a
 * ticker's weight is its number of forecasts, whatever its volatility.
 * RMSE, MAE and the Winkler scores are pooled as plain means over all samples and so stay in log-return units
 * (dominated by volatile tickers); coverage and hit rate are pooled counts, with the hit rate's Wilson interval
 * recomputed on the pooled count.
 */
export function poolRows(rows: readonly ForecastEvaluation[]): ForecastEvaluation[] {
  const groups = new Map<string, ForecastEvaluation[]>();
  for (const row of rows) {
    if (row.ticker === POOLED_TICKER) continue;
    const key = `${row.model}\u0000${row.horizon}`;
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()].map(poolGroup);
}

function poolGroup(group: ForecastEvaluation[]): ForecastEvaluation {
  const first = group[0]!;
  const n = group.reduce((sum, row) => sum + row.n, 0);
  const hitN = group.reduce((sum, row) => sum + row.hitN, 0);
  // hitRate is hits / hitN of each row, so rounding recovers the integer count exactly.
  const hits = group.reduce((sum, row) => sum + (row.hitRate == null ? 0 : Math.round(row.hitRate * row.hitN)), 0);
  const hitInterval = wilsonInterval(hits, hitN);
  const meanSquare = (pick: (row: ForecastEvaluation) => number | null): number | null => {
    const mean = weightedMean(group, (row) => {
      const value = pick(row);
      return value == null ? null : value * value;
    });
    return mean == null ? null : Math.sqrt(mean);
  };
  return {
    ticker: POOLED_TICKER,
    model: first.model,
    horizon: first.horizon,
    n,
    rmse: meanSquare((row) => row.rmse),
    mae: weightedMean(group, (row) => row.mae),
    mase: weightedMean(group, (row) => row.mase),
    u2: meanSquare((row) => row.u2),
    hitRate: hitN > 0 ? hits / hitN : null,
    hitRateLow: hitInterval.low,
    hitRateHigh: hitInterval.high,
    hitN,
    coverage80: weightedMean(group, (row) => row.coverage80),
    coverage95: weightedMean(group, (row) => row.coverage95),
    winkler80: weightedMean(group, (row) => row.winkler80),
    winkler95: weightedMean(group, (row) => row.winkler95),
  };
}

/** Mean of a figure weighted by each row's n, over the rows where it is defined; null where none is. */
function weightedMean(rows: readonly ForecastEvaluation[], pick: (row: ForecastEvaluation) => number | null): number | null {
  let total = 0;
  let weight = 0;
  for (const row of rows) {
    const value = pick(row);
    if (value == null || row.n === 0) continue;
    total += row.n * value;
    weight += row.n;
  }
  return weight > 0 ? total / weight : null;
}
