import type { ReportCell, ReportSection } from '../core/reports.ts';
import { watchlistChartSpec } from '../charts/watchlistChart.ts';
import { formatPrice, priceRange, signedPercent } from '../render/wording.ts';
import { chart, note, table } from './cells.ts';
import { toPercent } from './reportFacts.ts';
import type { TickerReport } from './tickerReport.ts';

/** The watchlist at a glance: last close, 1- and 5-day change, the forecast median and 80% interval, and its trust. */
export function overviewSection(tickers: readonly TickerReport[]): ReportSection {
  const cells: ReportCell[] = [];
  if (tickers.length === 0) return { id: 'overview', title: 'Market overview', cells: [note('warn', 'The watchlist is empty.')] };
  cells.push(table('Watchlist', ['ticker', 'last close:r', 'as of', '1-day:r', '5-day:r', 'median ahead:r', '80% interval:r', 'trust'], tickers.map(watchlistRow)));
  const charted = tickers.filter((t) => t.data.status === 'ok');
  if (charted.length > 0) {
    cells.push(chart('chart-watchlist', 'Last 5 sessions and the forecast median with its 80% interval, in percent', watchlistChartSpec(charted.map(watchlistPoint)),
      'For each ticker: the change over the last five sessions as a bar, and the forecast median change with its 80% interval as a dot on a range.'));
  }
  return { id: 'overview', title: 'Market overview', cells };
}

function watchlistRow(report: TickerReport): string[] {
  const { data, forecast } = report;
  const end = forecast?.points.at(-1);
  const trust = data.status === 'no_data' ? 'no data' : data.status === 'unpublishable' ? 'not published: quality gate' : !forecast ? 'no forecast' : forecast.edge ? `edge, model ${forecast.modelVersion}` : 'no edge: random-walk interval';
  return [
    data.ticker,
    data.lastClose === null ? 'n/a' : formatPrice(data.lastClose),
    data.asOf ?? 'n/a',
    signedPercent(data.change1d),
    signedPercent(data.change5d),
    forecast && end ? `${formatPrice(end.p50)} (${signedPercent(end.p50 / forecast.lastClose - 1)})` : 'n/a',
    forecast && end ? priceRange(end.p10, end.p90) : 'n/a',
    trust,
  ];
}

function watchlistPoint(report: TickerReport) {
  const { data, forecast } = report;
  const end = forecast?.points.at(-1);
  const rel = (value: number | undefined) => (forecast && value !== undefined ? toPercent(value / forecast.lastClose - 1) : null);
  return {
    ticker: data.ticker,
    change1dPct: toPercent(data.change1d),
    change5dPct: toPercent(data.change5d),
    forecastChangePct: rel(end?.p50),
    low80Pct: rel(end?.p10),
    high80Pct: rel(end?.p90),
  };
}
