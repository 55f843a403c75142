import type { TopLevelSpec } from 'vega-lite';
import type { Forecast, ForecastPoint, Skill } from '../core/forecast.ts';
import {
  CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, HISTORY_SESSIONS, PALETTE, SUBTITLE_WIDTH, dateAxis, endPadding, formatPrice, recentCloses, sessionTime, type ClosePoint,
} from './chartStyle.ts';
import { wrapText } from './textWidth.ts';

const SERIES = ['Close', 'Median forecast', '80% interval', '95% interval'] as const;
/** Lines as strokes (the median dashed, like the chart), bands as filled squares. */
const SERIES_LEGEND = {
  title: null,
  orient: 'top',
  encode: {
    symbols: {
      update: {
        shape: { signal: "datum.label === 'Close' || datum.label === 'Median forecast' ? 'stroke' : 'square'" },
        strokeDash: { signal: "datum.label === 'Median forecast' ? [4, 3] : []" },
        strokeWidth: { signal: "datum.label === 'Close' || datum.label === 'Median forecast' ? 2.5 : 0" },
      },
    },
  },
} as const;

/**
 * The forecast as a fan chart: the recent closes as a line, then the 95% and 80% bands and the dashed median,
 * all starting from the last close so the fan grows out of the history. Closes that are not finite are left out;
 * an empty history still draws the fan. A forecast with no points or non-finite numbers is refused (a bug upstream).
 */
export function forecastChartSpec(forecast: Forecast, history: ClosePoint[]): TopLevelSpec {
  assertDrawable(forecast);
  const closes = recentCloses(history.filter((p) => p.date < forecast.asOf), HISTORY_SESSIONS - 1);
  closes.push({ date: forecast.asOf, close: forecast.lastClose });
  const fan = fanRows(forecast);
  const end = fan[fan.length - 1]!;
  const x = { field: 'date', type: 'temporal', title: null, scale: { type: 'utc', domain: xDomain(closes[0]!.date, end.date), nice: false }, axis: dateAxis(closes[0]!.date, end.date) } as const;
  const y = { type: 'quantitative', title: 'Close', scale: { zero: false, nice: true }, axis: { tickCount: 6 } } as const;
  const color = { scale: { domain: [...SERIES], range: [PALETTE.close, PALETTE.median, PALETTE.band80, PALETTE.band95] }, legend: SERIES_LEGEND };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    config: CHART_CONFIG,
    title: { text: `${forecast.ticker} · ${forecast.horizon}-session forecast from ${forecast.asOf} · model ${forecast.modelVersion}`, subtitle: wrapText(skillLine(forecast), SUBTITLE_WIDTH, 12, 2) },
    layer: [
      {
        data: { values: fan },
        mark: { type: 'area', interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'p025' }, y2: { field: 'p975' }, color: { ...color, datum: '95% interval' } },
      },
      {
        data: { values: fan },
        mark: { type: 'area', interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'p10' }, y2: { field: 'p90' }, color: { ...color, datum: '80% interval' } },
      },
      {
        data: { values: [{ date: forecast.asOf }] },
        mark: { type: 'rule', strokeDash: [2, 3], color: PALETTE.axis, strokeWidth: 1 },
        encoding: { x },
      },
      {
        data: { values: closes },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'close' }, color: { ...color, datum: 'Close' } },
      },
      {
        data: { values: fan },
        mark: { type: 'line', strokeWidth: 2.5, strokeDash: [6, 4] },
        encoding: { x, y: { ...y, field: 'p50' }, color: { ...color, datum: 'Median forecast' } },
      },
      {
        data: { values: [{ date: forecast.asOf, close: forecast.lastClose }] },
        mark: { type: 'point', filled: true, size: 60, color: PALETTE.marker, opacity: 1 },
        encoding: { x, y: { ...y, field: 'close' } },
      },
      // The median's and the 95% band's last values, right of the fan.
      ...([[end.p50, PALETTE.median, 'bold'], [end.p975, PALETTE.muted, 'normal'], [end.p025, PALETTE.muted, 'normal']] as const).map(([value, color, fontWeight]) => ({
        data: { values: [{ date: end.date, value, label: formatPrice(value) }] },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 12, fontWeight, color },
        encoding: { x, y: { ...y, field: 'value' }, text: { field: 'label' } },
      }) as const),
    ],
  } satisfies TopLevelSpec;
}

/** The fan's rows: the last close as a zero-width start, then the forecast sessions. */
function fanRows(forecast: Forecast): ForecastPoint[] {
  const c = forecast.lastClose;
  return [{ date: forecast.asOf, p025: c, p10: c, p50: c, p90: c, p975: c }, ...forecast.points];
}

/** From the first close to a little past the last forecast session, leaving room for the end labels. */
function xDomain(first: string, last: string): [number, number] {
  const start = sessionTime(first);
  const stop = sessionTime(last);
  return [start, stop + endPadding(start, stop)];
}

/** The subtitle: the skill figures where the model has an edge, otherwise the reason it is set aside. */
export function skillLine(forecast: Forecast): string {
  if (!forecast.edge) return forecast.edgeReason;
  const s: Skill = forecast.skill;
  const pct = (v: number | null) => (v == null ? 'n/a' : `${Math.round(v * 100)}%`);
  const num = (v: number | null) => (v == null ? 'n/a' : v.toFixed(2));
  const parts = [
    `Edge over naive: MASE ${num(s.mase)}, U2 ${num(s.u2)}`,
    `direction right ${pct(s.hitRate)} (${pct(s.hitRateLow)}–${pct(s.hitRateHigh)})`,
    `80%/95% bands held ${pct(s.coverage80)}/${pct(s.coverage95)}`,
    `n=${s.n}, ${s.window}`,
  ];
  return parts.join(' · ');
}

function assertDrawable(forecast: Forecast): void {
  const numbers = [forecast.lastClose, ...forecast.points.flatMap((p) => [p.p025, p.p10, p.p50, p.p90, p.p975])];
  if (forecast.points.length === 0) throw new RangeError(`forecast for ${forecast.ticker} has no points to chart`);
  if (!numbers.every(Number.isFinite)) throw new RangeError(`forecast for ${forecast.ticker} has a non-finite price; refusing to chart it`);
}
