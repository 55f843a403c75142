import type { Config } from 'vega-lite';

/**
 * One close of the price history a chart draws. Structurally the same as `ClosePoint` in bot/results.ts, declared
 * here so charts/ depends only on core/ and never on a surface.
 */
export interface ClosePoint {
  /** Session date, `YYYY-MM-DD`. */
  date: string;
  close: number;
}

/** Logical size of every chat chart; PNGs are rendered at 2x, so 1440x720 pixels. */
export const CHART_WIDTH = 720;
export const CHART_HEIGHT = 360;

/** Widest subtitle line: the chart less its padding. */
export const SUBTITLE_WIDTH = CHART_WIDTH - 30;

/** Sessions of history a chart shows before the forecast: about three months. */
export const HISTORY_SESSIONS = 60;

/** The one font the SVG names and the PNG renderer loads, so estimated and drawn text agree. */
export const CHART_FONT = 'DejaVu Sans';

export const PALETTE = {
  ink: '#0f172a',
  muted: '#475569',
  grid: '#e2e8f0',
  axis: '#94a3b8',
  close: '#1e293b',
  median: '#1d4ed8',
  band80: '#93c5fd',
  band95: '#dbeafe',
  marker: '#0f172a',
} as const;

/** Shared look: large enough to read in a Slack or Discord preview, quiet grid, titles anchored left. */
export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  // The SVG only feeds a PNG, where ARIA attributes are lost; leaving them out makes it a third smaller.
  aria: false,
  background: 'white',
  padding: 12,
  view: { stroke: null },
  title: { anchor: 'start', fontSize: 17, fontWeight: 'bold', color: PALETTE.ink, subtitleFontSize: 12, subtitleColor: PALETTE.muted, subtitlePadding: 5, offset: 14 },
  axis: {
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    labelColor: PALETTE.muted,
    titleColor: PALETTE.muted,
    gridColor: PALETTE.grid,
    domainColor: PALETTE.axis,
    tickColor: PALETTE.axis,
  },
  legend: { labelFontSize: 12, labelColor: PALETTE.muted, symbolSize: 160, columnPadding: 18 },
};

const SESSION_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The last `sessions` drawable closes, oldest first. Rows with a non-finite close or a malformed date are dropped
 * (Vega would otherwise parse them into a broken path); the rest is ordered by date so a shuffled input still draws.
 */
export function recentCloses(history: readonly ClosePoint[], sessions = HISTORY_SESSIONS): ClosePoint[] {
  return history
    .filter((p) => Number.isFinite(p.close) && typeof p.date === 'string' && SESSION_DATE.test(p.date))
    .map((p) => ({ date: p.date, close: p.close }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .slice(-sessions);
}

/** Milliseconds of a session date at midnight UTC, the instant Vega parses `YYYY-MM-DD` to. */
export function sessionTime(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/**
 * A date axis with ticks on Mondays (trading weeks start there, unlike d3's Sunday weeks), every one, two, four…
 * weeks so that at most `maxTicks` fit between `first` and `last` (`YYYY-MM-DD`). Labels read "Mar 9"; where the
 * chart crosses a new year, the first tick and the first tick of the new year carry the year too.
 */
export function dateAxis(first: string, last: string, maxTicks = 8) {
  const start = sessionTime(first);
  const stop = sessionTime(last);
  const weeks = (stop - start) / WEEK_MS;
  const step = [1, 2, 4, 8, 13, 26, 52].find((n) => weeks / n <= maxTicks) ?? Math.ceil(weeks / maxTicks);
  const values: number[] = [];
  if (weeks < 2) {
    // A fan with no history spans a week or so: label each weekday instead.
    for (let t = start; t <= stop; t += DAY_MS) if (new Date(t).getUTCDay() % 6 !== 0) values.push(t);
  } else {
    const firstMonday = start + ((8 - new Date(start).getUTCDay()) % 7) * DAY_MS;
    for (let t = firstMonday; t <= stop; t += step * WEEK_MS) values.push(t);
  }
  const crossesYear = first.slice(0, 4) !== last.slice(0, 4);
  const withYear = `utcmonth(datum.value) === 0 && utcdate(datum.value) <= ${step * 7}${crossesYear ? ' || datum.index === 0' : ''}`;
  return {
    values,
    grid: false,
    labelPadding: 4,
    labelExpr: `${withYear} ? utcFormat(datum.value, '%b %-d, %Y') : utcFormat(datum.value, '%b %-d')`,
  };
}

/** Milliseconds to add after the last date so a value label fits to the right of the last point. */
function endPadding(start: number, stop: number): number {
  return Math.max(2 * DAY_MS, (stop - start) * 0.1);
}

/** What every chat chart's spec starts with: schema, size, fit to that size, and the shared look. */
export const CHART_FRAME = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  width: CHART_WIDTH,
  height: CHART_HEIGHT,
  autosize: { type: 'fit', contains: 'padding' },
  config: CHART_CONFIG,
} as const;

/** The session-date x encoding, from `first` to a little past `last` so the value labels there fit (`YYYY-MM-DD`). */
export function dateX(first: string, last: string) {
  const [start, stop] = [sessionTime(first), sessionTime(last)];
  const domain: [number, number] = [start, stop + endPadding(start, stop)];
  return { field: 'date', type: 'temporal', title: null, scale: { type: 'utc', domain, nice: false }, axis: dateAxis(first, last) } as const;
}

/** The price y encoding: closes, not forced to include zero. */
export const PRICE_Y = { type: 'quantitative', title: 'Close', scale: { zero: false, nice: true }, axis: { tickCount: 6 } } as const;

/**
 * A colour legend whose symbols look like the marks: strokes for lines (dashed where the line is), dots for points,
 * squares for bands and bars.
 */
export function seriesLegend(lines: readonly string[], { dashed = [], dots = [] }: { dashed?: readonly string[]; dots?: readonly string[] } = {}) {
  const among = (labels: readonly string[]) => `indexof(${JSON.stringify(labels)}, datum.label) >= 0`;
  const isLine = among([...lines, ...dashed]);
  return {
    title: null,
    orient: 'top',
    direction: 'horizontal',
    encode: {
      symbols: {
        update: {
          shape: { signal: `${isLine} ? 'stroke' : ${among(dots)} ? 'circle' : 'square'` },
          strokeDash: { signal: `${among(dashed)} ? [4, 3] : []` },
          strokeWidth: { signal: `${isLine} ? 2.5 : 0` },
        },
      },
    },
  } as const;
}
