import type { Config } from 'vega-lite';
import { CHART_CONFIG, PALETTE, dateAxis, sessionTime } from './chartStyle.ts';

/**
 * The daily report's charts: one spec drawn twice, as an SVG in the PDF (A4 portrait) and as a vega-embed view on
 * the web page. Same fonts and palette as the chat charts, smaller type, and a fixed outer width.
 */

/** Outer width of a report chart: A4 less 15 mm margins leaves 180 mm, which is 680 CSS pixels at 96 per inch. */
export const REPORT_WIDTH = 680;
const REPORT_PADDING = 8;
/** The room every panel keeps for its y axis, the same in each, so stacked plots line up and the width is known. */
const Y_AXIS_EXTENT = 48;
/**
 * Plot width of a full-width panel: the outer width less the padding, the y axis and one pixel, since the x axis
 * line is drawn half a pixel in (crisp on screen) and so its stroke ends one pixel past the plot.
 */
export const PLOT_WIDTH = REPORT_WIDTH - 2 * REPORT_PADDING - Y_AXIS_EXTENT - 1;

export const REPORT_PALETTE = {
  ...PALETTE,
  sma50: '#d97706',
  sma200: '#7c3aed',
  macd: PALETTE.median,
  signal: '#d97706',
  up: '#16a34a',
  down: '#dc2626',
  zone: '#f1f5f9',
} as const;

const REPORT_CONFIG: Config = {
  ...CHART_CONFIG,
  // Per-mark ARIA labels would give every session's hover rule and bar its own aria-label (hundreds per ticker) and
  // a screen reader nothing useful; the report cell's alt text describes the chart instead, on paper and on the web.
  aria: false,
  padding: REPORT_PADDING,
  title: { ...CHART_CONFIG.title, fontSize: 12, subtitleFontSize: 10, offset: 6 },
  axis: { ...CHART_CONFIG.axis, labelFontSize: 10, titleFontSize: 10 },
  axisY: { minExtent: Y_AXIS_EXTENT, maxExtent: Y_AXIS_EXTENT, title: null },
  legend: { ...CHART_CONFIG.legend, labelFontSize: 10, symbolSize: 90, columnPadding: 12, padding: 0, offset: 6 },
  // Said here rather than left to Vega-Lite's default: a missing value breaks a line and is left out of the bars
  // and of every scale domain; it is never drawn as zero or as the axis minimum.
  mark: { invalid: 'break-paths-filter-domains' },
  concat: { spacing: 10 },
};

export const REPORT_FRAME = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  config: REPORT_CONFIG,
} as const;

const DAY_MS = 86_400_000;

/** Pixels one calendar day takes on a full-width panel whose x domain is `domain`. */
export function pixelsPerDay(domain: readonly [number, number]): number {
  return (PLOT_WIDTH * DAY_MS) / Math.max(DAY_MS, domain[1] - domain[0]);
}

/** The x domain from `first` to a little past `last` (`YYYY-MM-DD`), leaving room for a value label at the end. */
export function sessionDomain(first: string, last: string): [number, number] {
  const [start, stop] = [sessionTime(first), sessionTime(last)];
  return [start, stop + Math.max(2 * DAY_MS, (stop - start) * 0.08)];
}

/**
 * The session-date x encoding of every panel of a chart (resolve the x scale as shared): one UTC domain and Monday
 * ticks, with vertical grid lines so the eye can follow a date down the panels; only the bottom panel prints labels.
 */
export function sessionX(first: string, last: string, { labels }: { labels: boolean }) {
  return {
    field: 'date',
    type: 'temporal',
    title: null,
    // No padding: Vega-Lite pads a scale that bars use, and the padded shared scale would no longer be this domain.
    scale: { type: 'utc', domain: sessionDomain(first, last), nice: false, padding: 0 },
    axis: { ...dateAxis(first, last), grid: true, labels, ticks: labels },
  } as const;
}
