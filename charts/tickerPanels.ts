import type { TopLevelSpec } from 'vega-lite';
import { UserError } from '../core/errors.ts';
import type { Forecast, ForecastPoint } from '../core/forecast.ts';
import { forecastFan } from './forecastFan.ts';
import { NOT_AVAILABLE, fixed, formatPrice, priceRange } from '../render/wording.ts';
import { seriesLegend, sessionTime } from './chartStyle.ts';
import {
  PLOT_WIDTH, REPORT_FRAME, REPORT_PALETTE as COLOURS, pixelsPerDay, sessionDomain, sessionX,
} from './reportStyle.ts';

/** One session of a ticker's history with the indicators the report draws; `null` where one is not defined yet. */
export interface IndicatorPoint {
  /** Session date, `YYYY-MM-DD`. */
  date: string;
  close: number;
  sma50: number | null;
  sma200: number | null;
  rsi14: number | null;
  macd: number | null;
  macdSignal: number | null;
  macdHist: number | null;
}

/** Sessions of history a ticker's panels show: about six months, as the chat's price chart. */
export const REPORT_SESSIONS = 120;

export const PANEL_HEIGHTS = { price: 240, rsi: 80, macd: 90 } as const;

const INDICATORS = ['sma50', 'sma200', 'rsi14', 'macd', 'macdSignal', 'macdHist'] as const;
const SESSION_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** The hover parameter every panel declares under one name, so hovering a session in one marks it in all three. */
const HOVER = 'session';

/**
 * A ticker's section chart in the daily report: price with SMA 50/200 (and the forecast fan when there is one),
 * RSI(14) and MACD(12, 26, 9), stacked on one date axis. The last `REPORT_SESSIONS` drawable sessions are shown;
 * indicator values that are missing or not finite are gaps. With no drawable session there is nothing to chart
 * (`no_price_history`); a forecast with no points or a non-finite price is refused (a bug upstream).
 */
export function tickerPanelsSpec(ticker: string, history: IndicatorPoint[], forecast: Forecast | null): TopLevelSpec {
  const rows = recentIndicators(history, REPORT_SESSIONS);
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) throw new UserError('no_price_history', `no closes to chart for ${ticker}`);
  const fan = forecast ? fanRows(forecast) : [];
  const dates = [first.date, last.date, ...fan.map((p) => p.date)].sort();
  const [start, end] = [dates[0]!, dates[dates.length - 1]!];
  const panel: Panel = {
    x: sessionX(start, end, { labels: false }),
    hoverWidth: Math.max(2, Math.round(pixelsPerDay(sessionDomain(start, end)) * 15) / 10),
  };

  return {
    ...REPORT_FRAME,
    description: `${ticker}: close with SMA 50 and 200${forecast ? ', forecast fan' : ''}; RSI(14); MACD(12, 26, 9)`,
    datasets: forecast ? { history: rows, sessions: rows.map(sessionWords), fan } : { history: rows, sessions: rows.map(sessionWords) },
    vconcat: [
      pricePanel(ticker, panel, rows, forecast),
      rsiPanel(panel, last),
      macdPanel({ ...panel, x: sessionX(start, end, { labels: true }) }),
    ],
    resolve: { scale: { x: 'shared', color: 'independent' }, legend: { color: 'independent' } },
  } satisfies TopLevelSpec;
}

const PRICE_Y = { type: 'quantitative', title: null, scale: { zero: false, nice: 6 }, axis: { tickCount: 6 } } as const;
type PriceY = typeof PRICE_Y;

/** Vega-Lite exports only its top-level types; the parts a panel is built from are read off them. */
type PanelSpec = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];
type Layer = Extract<PanelSpec, { layer: unknown }>['layer'][number];

interface Panel {
  x: ReturnType<typeof sessionX>;
  /** Width of a session's invisible hover rule: about a day and a half, so weekdays leave no gap between them. */
  hoverWidth: number;
}

const history = { name: 'history' } as const;

function pricePanel(ticker: string, { x, hoverWidth }: Panel, rows: IndicatorPoint[], forecast: Forecast | null): PanelSpec {
  const y = PRICE_Y;
  // A moving average with no value in the window (a young listing has no SMA 200) gets no line and no legend entry.
  const averages = ([['sma50', 'SMA 50', COLOURS.sma50], ['sma200', 'SMA 200', COLOURS.sma200]] as const)
    .filter(([field]) => rows.some((p) => p[field] !== null));
  const fanSeries = forecast ? [['Median forecast', COLOURS.median], ['80% interval', COLOURS.band80], ['95% interval', COLOURS.band95]] as const : [];
  const series = [['Close', COLOURS.close], ...averages.map(([, label, colour]) => [label, colour] as const), ...fanSeries];
  const color = {
    scale: { domain: series.map(([label]) => label), range: series.map(([, colour]) => colour) },
    legend: seriesLegend(['Close', ...averages.map(([, label]) => label)], { dashed: forecast ? ['Median forecast'] : [] }),
  };
  const last = rows[rows.length - 1]!;
  const fan = { name: 'fan' } as const;

  return {
    title: forecast ? `${ticker} close, moving averages and ${forecast.horizon}-session forecast` : `${ticker} close and moving averages`,
    width: PLOT_WIDTH,
    height: PANEL_HEIGHTS.price,
    layer: [
      ...(forecast ? [
        { data: fan, mark: 'area', encoding: { x, y: { ...y, field: 'p025' }, y2: { field: 'p975' }, color: { ...color, datum: '95% interval' } } },
        { data: fan, mark: 'area', encoding: { x, y: { ...y, field: 'p10' }, y2: { field: 'p90' }, color: { ...color, datum: '80% interval' } } },
        { data: { values: [{ date: forecast.asOf }] }, mark: { type: 'rule', strokeDash: [2, 3], color: COLOURS.axis, strokeWidth: 1 }, encoding: { x } },
      ] satisfies Layer[] : []),
      ...averages.map(([field, label]) => ({
        name: field,
        data: history,
        mark: { type: 'line', strokeWidth: 1.5 },
        encoding: { x, y: { ...y, field }, color: { ...color, datum: label } },
      }) satisfies Layer),
      { name: 'close', data: history, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'close' }, color: { ...color, datum: 'Close' } } },
      ...(forecast ? [
        { data: fan, mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 4] }, encoding: { x, y: { ...y, field: 'p50' }, color: { ...color, datum: 'Median forecast' } } },
      ] satisfies Layer[] : []),
      { data: { values: [last] }, mark: { type: 'point', filled: true, size: 40, color: COLOURS.marker, opacity: 1 }, encoding: { x, y: { ...y, field: 'close' } } },
      endLabel(x, y, forecast ? forecast.points[forecast.points.length - 1]! : null, last),
      hoverRules('hover_price', x, hoverWidth),
      ...(forecast ? [fanHoverRules(x, hoverWidth)] : []),
    ],
  };
}

/** Print has no tooltips: the figure a reader looks for is written at the right end, the median's or the close's. */
function endLabel(x: Panel['x'], y: PriceY, end: ForecastPoint | null, last: IndicatorPoint): Layer {
  const [date, value, colour] = end ? [end.date, end.p50, COLOURS.median] : [last.date, last.close, COLOURS.close];
  return {
    data: { values: [{ date, value, label: formatPrice(value) }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 10, fontWeight: 'bold', color: colour },
    encoding: { x, y: { ...y, field: 'value' }, text: { field: 'label' } },
  };
}

function rsiPanel({ x, hoverWidth }: Panel, last: IndicatorPoint): PanelSpec {
  const y = { type: 'quantitative' as const, title: null, scale: { domain: [0, 100], nice: false }, axis: { values: [0, 30, 70, 100] } };
  const label = last.rsi14 === null ? [] : [{
    data: { values: [{ date: last.date, rsi14: last.rsi14, label: fixed(last.rsi14, 1) }] },
    mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 10, fontWeight: 'bold', color: COLOURS.close },
    encoding: { x, y: { ...y, field: 'rsi14' }, text: { field: 'label' } },
  } satisfies Layer];
  return {
    title: 'RSI (14)',
    width: PLOT_WIDTH,
    height: PANEL_HEIGHTS.rsi,
    layer: [
      // The 30..70 zone: outside it the usual reading is oversold / overbought.
      { data: { values: [{ low: 30, high: 70 }] }, mark: { type: 'rect', color: COLOURS.zone }, encoding: { y: { ...y, field: 'low' }, y2: { field: 'high' } } },
      { data: { values: [{ level: 30 }, { level: 70 }] }, mark: { type: 'rule', color: COLOURS.axis, strokeDash: [3, 3], strokeWidth: 1 }, encoding: { y: { ...y, field: 'level' } } },
      { name: 'rsi14', data: history, mark: { type: 'line', strokeWidth: 1.5, color: COLOURS.close }, encoding: { x, y: { ...y, field: 'rsi14' } } },
      ...label,
      hoverRules('hover_rsi', x, hoverWidth),
    ],
  };
}

function macdPanel({ x, hoverWidth }: Panel): PanelSpec {
  const y = { type: 'quantitative', title: null, scale: { zero: true, nice: 4 }, axis: { tickCount: 4 } } as const;
  const color = { scale: { domain: ['MACD', 'Signal'], range: [COLOURS.macd, COLOURS.signal] }, legend: seriesLegend(['MACD', 'Signal']) };
  return {
    title: 'MACD (12, 26, 9)',
    width: PLOT_WIDTH,
    height: PANEL_HEIGHTS.macd,
    layer: [
      { data: { values: [{ level: 0 }] }, mark: { type: 'rule', color: COLOURS.axis, strokeWidth: 1 }, encoding: { y: { ...y, field: 'level' } } },
      {
        name: 'macdHist',
        data: history,
        mark: { type: 'bar', size: Math.max(1, hoverWidth / 2), opacity: 0.6 },
        encoding: { x, y: { ...y, field: 'macdHist', stack: null }, color: { condition: { test: 'datum.macdHist >= 0', value: COLOURS.up }, value: COLOURS.down } },
      },
      { name: 'macd', data: history, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'macd' }, color: { ...color, datum: 'MACD' } } },
      { name: 'macdSignal', data: history, mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y: { ...y, field: 'macdSignal' }, color: { ...color, datum: 'Signal' } } },
      hoverRules('hover_macd', x, hoverWidth),
    ],
  };
}

const price = (value: number | null) => (value === null ? NOT_AVAILABLE : formatPrice(value));

/** What a session's tooltip says, in every panel: all its figures, worded by render/wording.ts. */
const SESSION_FIGURES = [
  ['Close', (p: IndicatorPoint) => price(p.close)],
  ['SMA 50', (p: IndicatorPoint) => price(p.sma50)],
  ['SMA 200', (p: IndicatorPoint) => price(p.sma200)],
  ['RSI (14)', (p: IndicatorPoint) => fixed(p.rsi14, 1)],
  ['MACD', (p: IndicatorPoint) => fixed(p.macd, 2)],
  ['Signal', (p: IndicatorPoint) => fixed(p.macdSignal, 2)],
  ['Histogram', (p: IndicatorPoint) => fixed(p.macdHist, 2)],
] as const;

/** A session's tooltip words; `session` keeps the date as text, since Vega parses `date` into a timestamp. */
function sessionWords(p: IndicatorPoint): Record<string, string> {
  return { date: p.date, session: p.date, ...Object.fromEntries(SESSION_FIGURES.map(([, words], i) => [`text${i}`, words(p)])) };
}

/**
 * One invisible rule per session that carries the tooltip on the web and shows as a light band while hovered, in
 * all three panels at once. A line mark is one path with one datum, so its own tooltip could not say which session
 * the pointer is on. In print the rules are drawn fully transparent.
 */
function hoverRules(name: string, x: Panel['x'], width: number): Layer {
  // Only these rules select: any other mark under the pointer would select its own datum (a line's first session).
  const on = { type: 'pointerover', markname: `${name}_marks` } as const;
  return {
    name,
    data: { name: 'sessions' },
    params: [{ name: HOVER, select: { type: 'point', on, clear: 'pointerout', fields: ['date'] } }],
    mark: { type: 'rule', strokeWidth: width, color: COLOURS.axis },
    encoding: {
      x,
      opacity: { condition: { param: HOVER, empty: false, value: 0.35 }, value: 0 },
      tooltip: [{ field: 'session', title: 'Session' }, ...SESSION_FIGURES.map(([title], i) => ({ field: `text${i}`, title }))],
    },
  };
}

/** The forecast sessions' tooltips: median and both intervals, worded as in the chat's forecast table. */
function fanHoverRules(x: Panel['x'], width: number): Layer {
  return {
    name: 'fan_hover',
    data: { name: 'fan' },
    transform: [{ filter: 'datum.label80 != null' }],
    mark: { type: 'rule', strokeWidth: width, color: COLOURS.axis, opacity: 0 },
    encoding: {
      x,
      tooltip: [
        { field: 'session', title: 'Session' },
        { field: 'median', title: 'Median forecast' },
        { field: 'label80', title: '80% interval' },
        { field: 'label95', title: '95% interval' },
      ],
    },
  };
}

/**
 * The last `sessions` drawable sessions, oldest first. A session with a malformed date or a non-finite close is
 * dropped; a non-finite indicator becomes `null`, a gap. Sorted by date, so a shuffled input still draws; of two
 * rows for one date the later one given wins.
 */
function recentIndicators(history: readonly IndicatorPoint[], sessions = REPORT_SESSIONS): IndicatorPoint[] {
  const byDate = new Map<string, IndicatorPoint>();
  for (const p of history) {
    if (!isSessionDate(p.date) || !Number.isFinite(p.close)) continue;
    const row = { date: p.date, close: p.close } as IndicatorPoint;
    for (const field of INDICATORS) row[field] = Number.isFinite(p[field]) ? p[field] : null;
    byDate.set(p.date, row);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).slice(-sessions);
}

/** `YYYY-MM-DD` naming a real day (not 2026-02-30), so Vega parses it to that day's midnight UTC. */
function isSessionDate(date: unknown): date is string {
  if (typeof date !== 'string' || !SESSION_DATE.test(date)) return false;
  const time = sessionTime(date);
  return Number.isFinite(time) && new Date(time).toISOString().slice(0, 10) === date;
}

interface FanRow extends ForecastPoint {
  session: string;
  median: string | null;
  label80: string | null;
  label95: string | null;
}

/** The fan (charts/forecastFan.ts) with its tooltip words; the zero-width start carries none. */
function fanRows(forecast: Forecast): FanRow[] {
  return forecastFan(forecast).map((p, i) => ({
    ...p,
    session: p.date,
    median: i === 0 ? null : formatPrice(p.p50),
    label80: i === 0 ? null : priceRange(p.p10, p.p90),
    label95: i === 0 ? null : priceRange(p.p025, p.p975),
  }));
}
