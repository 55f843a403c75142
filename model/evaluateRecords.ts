import { QUANTILE_KEYS } from '../core/forecast.ts';
import type { EvaluationRow } from '../core/model.ts';
import {
  BASELINE_NAMES, createBaselines, evaluateForecasts, poolRows, type Baselines, type ForecastEvaluation, type ForecastSample, type QuantileSet,
} from './evaluation/index.ts';
import type { SeriesFrame } from './seriesFrame.ts';

/** The model's name in evaluation rows. */
export const MODEL_ROW_NAME = 'lstm';

/** One walk-forward forecast of the model: where it was made, what happened, and its return quantiles (ascending). */
export interface ForecastRecord {
  frame: SeriesFrame;
  origin: number;
  actual: number;
  quantiles: readonly number[];
}

export function toQuantileSet(quantiles: ArrayLike<number>): QuantileSet {
  const set = {} as QuantileSet;
  QUANTILE_KEYS.forEach((key, i) => (set[key] = quantiles[i]!));
  return set;
}

/**
 * Scores the model's records beside every baseline on the same origins, per ticker and pooled (`ALL`). A baseline
 * that is undefined at an origin (e.g. sma in its first 20 sessions) drops that origin for itself only; with the
 * 200-session feature warm-up before any model origin, that does not happen in practice.
 */
export function evaluateRecords(records: readonly ForecastRecord[], horizon: number): EvaluationRow[] {
  const byTicker = new Map<SeriesFrame, ForecastRecord[]>();
  for (const record of records) {
    const own = byTicker.get(record.frame);
    if (own) own.push(record);
    else byTicker.set(record.frame, [record]);
  }
  const rows: ForecastEvaluation[] = [];
  for (const [frame, own] of byTicker) {
    const baselines: Baselines = createBaselines(frame.logPrice);
    rows.push(evaluateForecasts(own.map((r) => ({ actual: r.actual, forecast: toQuantileSet(r.quantiles) })), { ticker: frame.ticker, model: MODEL_ROW_NAME, horizon }));
    for (const name of BASELINE_NAMES) {
      const samples: ForecastSample[] = [];
      for (const r of own) {
        const forecast = baselines.quantilesAt(name, r.origin, horizon, frame.sigma[r.origin]!);
        if (forecast) samples.push({ actual: r.actual, forecast });
      }
      rows.push(evaluateForecasts(samples, { ticker: frame.ticker, model: name, horizon }));
    }
  }
  return [...rows, ...poolRows(rows)].map(({ hitN: _hitN, ...row }) => row);
}
