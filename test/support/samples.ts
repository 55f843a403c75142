import type { AlertRule } from '../../core/alerts.ts';
import type { Forecast } from '../../core/forecast.ts';
import type { EvaluationRow } from '../../core/model.ts';

/** Core objects with plausible figures, for the tests of whatever renders them: chat surfaces, wording, reports. */

/** Five sessions from a last close of 199.50: the median drifts up 0.30 a session, the bands widen with √t. */
export function sampleForecast(overrides: Partial<Forecast> = {}): Forecast {
  const dates = ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19'];
  const points = dates.map((date, i) => {
    const spread = 2 * Math.sqrt(i + 1);
    return { date, p025: 200 - 2 * spread, p10: 200 - spread, p50: 200 + 0.3 * (i + 1), p90: 200 + spread, p975: 200 + 2 * spread };
  });
  return {
    ticker: 'AAPL',
    asOf: '2026-06-12',
    horizon: 5,
    modelVersion: 'v3',
    lastClose: 199.5,
    points,
    modelPoints: points,
    skill: { mase: 0.97, u2: 0.98, hitRate: 0.523, hitRateLow: 0.49, hitRateHigh: 0.556, coverage80: 0.797, coverage95: 0.941, n: 250, window: '2025-06-13..2026-06-12 walk-forward, 1-day' },
    edge: true,
    edgeReason: 'MASE 0.97 < 1 and coverage within tolerance',
    drivers: [{ input: 'ret_1', importance: 0.42 }],
    ...overrides,
  };
}

/** The same forecast as the random-walk answer of an installation with no model yet. */
export function naiveForecast(overrides: Partial<Forecast> = {}): Forecast {
  return sampleForecast({ edge: false, modelVersion: 'naive', edgeReason: 'no model has passed the gate yet', drivers: [], ...overrides });
}

/** Eighty daily closes before the forecast, enough for a chart. */
export const sampleHistory = Array.from({ length: 80 }, (_, i) => ({ date: new Date(Date.UTC(2026, 2, 2 + i)).toISOString().slice(0, 10), close: 180 + 10 * Math.sin(i / 9) }));

/** A pooled one-session walk-forward row; the gate reads MASE and the two coverages. */
export function evaluationRow(model: string, mase: number, overrides: Partial<EvaluationRow> = {}): EvaluationRow {
  return {
    ticker: 'ALL', model, horizon: 1, n: 500, rmse: 0.02, mae: 0.013, mase, u2: mase, hitRate: 0.52, hitRateLow: 0.48, hitRateHigh: 0.56,
    coverage80: 0.8, coverage95: 0.95, winkler80: 0.08, winkler95: 0.12, ...overrides,
  };
}

export const sampleRule: AlertRule = {
  id: 7, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'slack', channelId: 'C1' }, createdBy: 'slack:U1', createdAt: new Date('2026-06-12T10:00:00Z'), active: true, armed: true, lastEvaluatedAt: null,
};
