import type { ReportCell, ReportSection, WatchlistLine } from '../core/reports.ts';
import { watchlistChartSpec } from '../charts/watchlistChart.ts';
import { chart, note, table } from './cells.ts';
import { toPercent } from './reportFacts.ts';
import type { TickerReport } from './tickerReport.ts';

/** The watchlist at a glance: last close, 1- and 5-day change, the forecast median and 80% interval, and its trust. */
export function overviewSection(tickers: readonly TickerReport[], watchlist: readonly WatchlistLine[]): ReportSection {
  const cells: ReportCell[] = [];
  if (tickers.length === 0) return { id: 'overview', title: 'Market overview', cells: [note('warn', 'The watchlist is empty.')] };
  cells.push(table('Watchlist', ['ticker', 'last close:r', 'as of', '1-day:r', '5-day:r', 'median ahead:r', '80% interval:r', 'trust'],
    watchlist.map((w) => [w.ticker, w.lastClose, w.asOf, w.change1d, w.change5d, w.forecast, w.interval80, w.trust])));
  const charted = tickers.filter((t) => t.data.status === 'ok');
  if (charted.length > 0) {
    cells.push(chart('chart-watchlist', 'Last 5 sessions and the forecast median with its 80% interval, in percent', watchlistChartSpec(charted.map(watchlistPoint)),
      'For each ticker: the change over the last five sessions as a bar, and the forecast median change with its 80% interval as a dot on a range.'));
  }
  return { id: 'overview', title: 'Market overview', cells };
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
