import type { AliasMove } from '../core/model.ts';
import type { ReportFacts, TickerFacts } from '../core/reports.ts';
import type { TickerReport } from './tickerReport.ts';

/** A price as quoted: cents, or four places below one dollar (as render/wording.ts writes it). */
export function roundPrice(value: number): number {
  return Number(value.toFixed(Math.abs(value) < 1 ? 4 : 2));
}

/** A ratio (0.01234) as percent with two decimals (1.23). */
export function toPercent(ratio: number | null): number | null {
  return ratio === null || !Number.isFinite(ratio) ? null : Number((ratio * 100).toFixed(2));
}

/**
 * The numbers a narrative may cite, in the units and rounding people read them in: the LLM receives exactly this,
 * and every number in what it writes is checked against it.
 */
export function reportFacts(reportDate: string, tickers: readonly TickerReport[], moves: readonly AliasMove[], champion: string | null): ReportFacts {
  return {
    reportDate,
    tickers: tickers.map(tickerFacts),
    alertsFired: tickers.reduce((sum, t) => sum + t.alerts.length, 0),
    registryChanges: moves.map((m) => ({ alias: m.alias, fromVersion: m.fromVersion, toVersion: m.toVersion, reason: m.reason, at: m.at.toISOString(), by: m.by })),
    champion,
  };
}

function tickerFacts(report: TickerReport): TickerFacts {
  const { data, forecast } = report;
  const end = forecast?.points.at(-1);
  const status = data.status !== 'ok' ? data.status : forecast ? 'ok' : 'no_forecast';
  return {
    ticker: data.ticker,
    status,
    reason: data.reason ?? (forecast ? null : report.forecastError),
    asOf: data.asOf,
    lastClose: data.lastClose === null ? null : roundPrice(data.lastClose),
    change1dPct: toPercent(data.change1d),
    change5dPct: toPercent(data.change5d),
    forecast: forecast && end
      ? {
          horizon: forecast.horizon,
          date: end.date,
          median: roundPrice(end.p50),
          low80: roundPrice(end.p10),
          high80: roundPrice(end.p90),
          medianChangePct: toPercent(end.p50 / forecast.lastClose - 1)!,
        }
      : null,
    model: forecast?.modelVersion ?? null,
    edge: forecast ? forecast.edge : null,
    mase: forecast?.skill.mase == null ? null : Number(forecast.skill.mase.toFixed(3)),
    coverage80Pct: toPercent(forecast?.skill.coverage80 ?? null),
    drift: report.drift?.level ?? null,
    alertsFired: report.alerts.length,
  };
}
