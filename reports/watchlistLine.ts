import type { WatchlistLine } from '../core/reports.ts';
import { formatPrice, priceRange, signedPercent } from '../render/wording.ts';
import type { TickerReport } from './tickerReport.ts';

/** One ticker of the watchlist as the overview, the email and the chat summaries word it. */
export function watchlistLine(report: TickerReport): WatchlistLine {
  const { data, forecast } = report;
  const end = forecast?.points.at(-1);
  const trust = data.status === 'no_data' ? 'no data' : data.status === 'unpublishable' ? 'not published: quality gate' : !forecast ? 'no forecast' : forecast.edge ? `edge, model ${forecast.modelVersion}` : 'no edge: random-walk interval';
  return {
    ticker: data.ticker,
    lastClose: data.lastClose === null ? 'n/a' : formatPrice(data.lastClose),
    asOf: data.asOf ?? 'n/a',
    change1d: signedPercent(data.change1d),
    change5d: signedPercent(data.change5d),
    forecast: forecast && end ? `${formatPrice(end.p50)} (${signedPercent(end.p50 / forecast.lastClose - 1)})` : 'n/a',
    interval80: forecast && end ? priceRange(end.p10, end.p90) : 'n/a',
    trust,
  };
}
