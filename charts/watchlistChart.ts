import type { TopLevelSpec } from 'vega-lite';
import { NOT_AVAILABLE, signedPercent } from '../render/wording.ts';
import { seriesLegend } from './chartStyle.ts';
import { REPORT_FRAME, REPORT_PALETTE as COLOURS, REPORT_WIDTH } from './reportStyle.ts';

/** One ticker of the report's overview; every change is in percent (1.5 is +1.5%), as in `TickerFacts`. */
export interface WatchlistRow {
  ticker: string;
  change1dPct: number | null;
  change5dPct: number | null;
  /** Median forecast change over the next five sessions, with its 80% interval. */
  forecastChangePct: number | null;
  low80Pct: number | null;
  high80Pct: number | null;
}

const REALISED = 'Last 5 sessions';
const MEDIAN = 'Forecast median, next 5';
const INTERVAL = '80% interval';
const FIELDS = ['change1dPct', 'change5dPct', 'forecastChangePct', 'low80Pct', 'high80Pct'] as const;
/** Height of one ticker: two sub-rows, the realised change above the forecast. */
const ROW_STEP = 26;
const SUB_ROW = 5;

/**
 * The watchlist at a glance, tickers as rows in the order given: the realised change of the last five sessions as a
 * bar, the median forecast change of the next five as a dot on its 80% interval. A missing figure is left out of its
 * row, the rest still drawn; a row with nothing to draw says `n/a`. An empty or duplicated watchlist is refused (a
 * bug upstream: the report has no overview to draw).
 */
export function watchlistChartSpec(rows: WatchlistRow[]): TopLevelSpec {
  if (rows.length === 0) throw new RangeError('the watchlist chart needs at least one ticker');
  const tickers = rows.map((r) => r.ticker);
  const duplicate = tickers.find((t, i) => tickers.indexOf(t) !== i);
  if (duplicate !== undefined) throw new RangeError(`ticker ${duplicate} appears twice in the watchlist chart`);

  const y = { field: 'ticker', type: 'nominal' as const, title: null, scale: { domain: tickers }, axis: { domain: false, ticks: false, labelFontSize: 11, labelFontWeight: 'bold' as const, labelColor: COLOURS.ink } };
  const x = { type: 'quantitative' as const, title: null, scale: { zero: true, nice: true }, axis: { labelExpr: "(datum.value > 0 ? '+' : '') + datum.label + '%'", tickCount: 8 } };
  const series = [[REALISED, COLOURS.close], [MEDIAN, COLOURS.median], [INTERVAL, COLOURS.band80]] as const;
  const color = { scale: { domain: series.map(([label]) => label), range: series.map(([, colour]) => colour) }, legend: seriesLegend([INTERVAL], { dots: [MEDIAN] }) };
  const tooltip = [
    { field: 'ticker', title: 'Ticker' },
    { field: 'text1d', title: 'Last session' },
    { field: 'text5d', title: REALISED },
    { field: 'textMedian', title: MEDIAN },
    { field: 'textInterval', title: INTERVAL },
  ];
  const hasInterval = 'isValid(datum.low80Pct) && isValid(datum.high80Pct)';

  return {
    ...REPORT_FRAME,
    description: `Watchlist: realised change of the last 5 sessions and the 5-session forecast, ${tickers.join(', ')}`,
    width: REPORT_WIDTH,
    // A number, not a step: Vega-Lite warns of dropping fit when one side of a fit-x chart is a step.
    height: ROW_STEP * rows.length,
    // The width is the whole chart's, so it is exactly the report's column whatever the tickers' label widths.
    autosize: { type: 'fit-x', contains: 'padding' },
    data: { values: rows.map(withWords) },
    layer: [
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: COLOURS.axis, strokeWidth: 1 }, encoding: { x: { ...x, field: 'zero' } } },
      // Two sub-rows by a pixel offset on the mark: a yOffset channel would want a scale of its own, or (given as a
      // value) lose the centring in the band.
      { name: 'realised', mark: { type: 'bar', height: 8, yOffset: -SUB_ROW }, encoding: { x: { ...x, field: 'change5dPct' }, y, color: { ...color, datum: REALISED }, tooltip } },
      {
        name: 'interval',
        transform: [{ filter: hasInterval }],
        mark: { type: 'rule', strokeWidth: 6, strokeCap: 'round', yOffset: SUB_ROW },
        encoding: { x: { ...x, field: 'low80Pct' }, x2: { field: 'high80Pct' }, color: { ...color, datum: INTERVAL }, y, tooltip },
      },
      { name: 'median', mark: { type: 'point', filled: true, size: 50, opacity: 1, yOffset: SUB_ROW }, encoding: { x: { ...x, field: 'forecastChangePct' }, color: { ...color, datum: MEDIAN }, y, tooltip } },
      {
        name: 'missing',
        transform: [{ filter: `!isValid(datum.change5dPct) && !isValid(datum.forecastChangePct) && !(${hasInterval})` }],
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: COLOURS.muted },
        encoding: { x: { ...x, datum: 0 }, y, text: { value: NOT_AVAILABLE }, tooltip },
      },
    ],
  } satisfies TopLevelSpec;
}

/** The row with missing or non-finite figures as `null`, and its tooltip words as render/wording.ts words them. */
function withWords(row: WatchlistRow) {
  const clean = { ...row };
  for (const field of FIELDS) clean[field] = Number.isFinite(row[field]) ? row[field] : null;
  const words = (pct: number | null) => signedPercent(pct === null ? null : pct / 100);
  const { low80Pct: low, high80Pct: high } = clean;
  return {
    ...clean,
    text1d: words(clean.change1dPct),
    text5d: words(clean.change5dPct),
    textMedian: words(clean.forecastChangePct),
    textInterval: low === null || high === null ? NOT_AVAILABLE : `${words(low)} to ${words(high)}`,
  };
}
