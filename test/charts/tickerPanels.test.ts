import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { sessionTime } from '../../charts/chartStyle.ts';
import { chartSvg } from '../../charts/renderChart.ts';
import { PLOT_WIDTH, REPORT_WIDTH, sessionDomain } from '../../charts/reportStyle.ts';
import { PANEL_HEIGHTS, REPORT_SESSIONS, tickerPanelsSpec, type IndicatorPoint } from '../../charts/tickerPanels.ts';
import { sessionDate } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';
import { macd, rsi, sma } from '../../pipeline/features/index.ts';
import { fixed, formatPrice, priceRange } from '../../render/wording.ts';
import { readDaily } from '../support/sharedData.ts';
import { fanForecast, compileWarnings } from './chartFixtures.ts';

/** AAPL's real sessions with the indicators computed as the pipeline computes them, over the whole file. */
function indicatorHistory(): IndicatorPoint[] {
  const bars = readDaily('AAPL');
  const closes = bars.map((b) => b.close);
  const [sma50, sma200, rsi14, lines] = [sma(closes, 50), sma(closes, 200), rsi(closes, 14), macd(closes)];
  return bars.map((bar, i) => ({
    date: sessionDate(bar.ts),
    close: bar.close,
    sma50: sma50[i]!,
    sma200: sma200[i]!,
    rsi14: rsi14[i]!,
    macd: lines.macd[i]!,
    macdSignal: lines.signal[i]!,
    macdHist: lines.hist[i]!,
  }));
}

const all = indicatorHistory();
/** Recent sessions: every indicator is defined. */
const mature = all.slice(-300);
/** The listing's first sessions: no SMA 200 at all, SMA 50 and the MACD signal still warming up in the window. */
const young = all.slice(0, 150);
const forecast = fanForecast(mature);

interface SceneItem {
  datum: Record<string, unknown>;
  defined?: boolean;
  opacity?: number;
  tooltip?: Record<string, string>;
}
interface SceneMark {
  marktype?: string;
  name?: string;
  items?: (SceneMark & SceneItem)[];
}

/** The spec running in a headless view, as vega-embed runs it in the browser, with its marks found by name. */
async function runView(spec: TopLevelSpec) {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const mark = (name: string): SceneItem[] => {
    let found: SceneMark | undefined;
    const visit = (node: SceneMark) => {
      if (node.marktype && node.name === name) found = node;
      for (const child of node.items ?? []) visit(child);
    };
    visit((view.scenegraph() as unknown as { root: SceneMark }).root);
    if (!found) throw new Error(`no mark ${name}`);
    return found.items ?? [];
  };
  return { view, mark };
}

const datasets = (spec: TopLevelSpec) => (spec as unknown as { datasets: Record<string, Record<string, unknown>[]> }).datasets;

/** The `d` of the line a layer named `name` draws, from the SVG. */
function linePath(svg: string, name: string): string {
  const match = new RegExp(`<g class="mark-line role-mark ${name}_marks"[^>]*><path [^>]*d="([^"]*)"`).exec(svg);
  if (!match) throw new Error(`no line ${name} in the SVG`);
  return match[1]!;
}

function shuffled<T>(items: readonly T[]): T[] {
  // A fixed permutation, so a failure reproduces: reverse, then interleave the halves.
  const reversed = [...items].reverse();
  const half = Math.ceil(reversed.length / 2);
  return reversed.slice(0, half).flatMap((item, i) => (reversed[half + i] ? [item, reversed[half + i]!] : [item]));
}

describe('tickerPanelsSpec', () => {
  it('compiles without warnings, with and without a forecast, mature or warming up', () => {
    for (const [history, fan] of [[mature, forecast], [mature, null], [young, fanForecast(young)], [young, null]] as const) {
      expect(compileWarnings(tickerPanelsSpec('AAPL', history, fan))).toEqual([]);
    }
  });

  it('renders three panels titled, with their legends, 680 pixels wide for an A4 column', async () => {
    const svg = await chartSvg(tickerPanelsSpec('AAPL', mature, forecast));
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${REPORT_WIDTH}" height="\\d+"`));
    for (const text of ['AAPL close, moving averages and 5-session forecast', 'RSI (14)', 'MACD (12, 26, 9)']) expect(svg).toContain(`>${text}</text>`);
    for (const label of ['Close', 'SMA 50', 'SMA 200', 'Median forecast', '80% interval', '95% interval', 'MACD', 'Signal']) expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('font-family="DejaVu Sans"');
  });

  it('shares one UTC date domain across the panels, from the first session to past the fan', async () => {
    const spec = tickerPanelsSpec('AAPL', mature, forecast);
    const { view } = await runView(spec);
    const first = mature.at(-REPORT_SESSIONS)!.date;
    expect(view.scale('x').domain().map(Number)).toEqual(sessionDomain(first, forecast.points.at(-1)!.date));
    expect(view.scale('x').range()).toEqual([0, PLOT_WIDTH]);
    const heights = (spec as unknown as { vconcat: { height: number }[] }).vconcat.map((p) => p.height);
    expect(heights).toEqual([PANEL_HEIGHTS.price, PANEL_HEIGHTS.rsi, PANEL_HEIGHTS.macd]);
  });

  it('draws the fan only for a forecast, starting at its last close', async () => {
    const withFan = tickerPanelsSpec('AAPL', mature, forecast);
    const c = forecast.lastClose;
    expect(datasets(withFan).fan![0]).toMatchObject({ date: forecast.asOf, p025: c, p10: c, p50: c, p90: c, p975: c });
    expect(datasets(withFan).fan!.slice(1).map((p) => p.date)).toEqual(forecast.points.map((p) => p.date));
    const svg = await chartSvg(withFan);
    expect(svg).toMatch(/<g class="mark-area role-mark [^"]*"[^>]*><path [^>]*d="M[^"]+Z" fill="#dbeafe"/);
    expect(svg).toMatch(/<g class="mark-area role-mark [^"]*"[^>]*><path [^>]*d="M[^"]+Z" fill="#93c5fd"/);
    expect(svg).toContain('stroke-dasharray="6,4"');
    expect(svg).toContain(`>${formatPrice(forecast.points.at(-1)!.p50)}</text>`);

    const plain = tickerPanelsSpec('AAPL', mature, null);
    expect(datasets(plain).fan).toBeUndefined();
    const plainSvg = await chartSvg(plain);
    expect(plainSvg).not.toContain('mark-area');
    expect(plainSvg).not.toContain('Median forecast');
    expect(plainSvg).toContain('>AAPL close and moving averages</text>');
    // Without a fan, the figure at the right end is the last close.
    expect(plainSvg).toContain(`>${formatPrice(mature.at(-1)!.close)}</text>`);
  });

  it('shows the last sessions in date order whatever the input order, ending at the last close', async () => {
    const spec = tickerPanelsSpec('AAPL', shuffled(mature), null);
    const rows = datasets(spec).history!;
    expect(rows.map((r) => r.date)).toEqual(mature.slice(-REPORT_SESSIONS).map((p) => p.date));
    expect(rows.at(-1)).toEqual(mature.at(-1));
    const { mark } = await runView(spec);
    expect(mark('close_marks').map((i) => i.datum.close)).toEqual(mature.slice(-REPORT_SESSIONS).map((p) => p.close));
  });

  it('leaves out sessions with a bad date or close, and keeps one row per date', () => {
    const holed = mature.map((p, i) => (i % 10 === 0 ? { ...p, close: Number.NaN } : i % 10 === 5 ? { ...p, date: '2026-02-30' } : i % 10 === 7 ? { ...p, date: '' } : p));
    const rows = datasets(tickerPanelsSpec('AAPL', [...holed, { ...mature.at(-1)!, close: 1 }], null)).history!;
    expect(rows).toHaveLength(REPORT_SESSIONS);
    expect(rows.every((r) => Number.isFinite(r.close) && /^\d{4}-\d{2}-\d{2}$/.test(String(r.date)) && r.date !== '2026-02-30')).toBe(true);
    expect(new Set(rows.map((r) => r.date)).size).toBe(rows.length);
    expect(rows.at(-1)!.close).toBe(1);
  });

  it('leaves warm-up nulls out of the lines and bars instead of drawing them at zero', async () => {
    const spec = tickerPanelsSpec('AAPL', young, null);
    const rows = datasets(spec).history!;
    const defined = (field: string) => rows.filter((r) => r[field] !== null).length;
    expect(rows.some((r) => r.sma50 === null) && rows.some((r) => r.sma50 !== null)).toBe(true);
    expect(rows.every((r) => r.sma200 === null)).toBe(true);

    const { mark } = await runView(spec);
    for (const name of ['sma50', 'macdSignal']) {
      for (const item of mark(`${name}_marks`)) expect(item.defined).toBe(item.datum[name] !== null);
    }
    expect(mark('macdHist_marks')).toHaveLength(defined('macdHist'));
    expect(mark('macdHist_marks').every((i) => typeof i.datum.macdHist === 'number')).toBe(true);

    // One unbroken path through exactly the defined values: a null drawn as zero would add a point.
    const svg = await chartSvg(spec);
    const sma50 = linePath(svg, 'sma50');
    expect(sma50.match(/M/g)).toHaveLength(1);
    expect(sma50.match(/[ML]/g)).toHaveLength(defined('sma50'));
    // No SMA 200 in the window: no line and no legend entry for it.
    expect(svg).not.toContain('sma200_marks');
    expect(svg).not.toContain('>SMA 200</text>');
  });

  it('breaks a line at a gap in the middle, and treats a non-finite indicator as a gap', async () => {
    const gapped = mature.map((p, i, a) => (i === a.length - 40 ? { ...p, sma50: null } : i === a.length - 20 ? { ...p, sma50: Number.NaN } : p));
    const spec = tickerPanelsSpec('AAPL', gapped, null);
    expect(datasets(spec).history!.filter((r) => r.sma50 === null)).toHaveLength(2);
    const sma50 = linePath(await chartSvg(spec), 'sma50');
    expect(sma50.match(/M/g)).toHaveLength(3);
    expect(sma50.match(/[ML]/g)).toHaveLength(REPORT_SESSIONS - 2);
  });

  it('gives every session a tooltip worded as the rest of the report words it, n/a where a value is missing', async () => {
    for (const history of [mature, young]) {
      const { mark } = await runView(tickerPanelsSpec('AAPL', history, null));
      const tooltips = mark('hover_price_marks').map((i) => i.tooltip);
      const price = (v: number | null) => (v === null ? 'n/a' : formatPrice(v));
      expect(tooltips).toEqual(history.slice(-REPORT_SESSIONS).map((p) => ({
        Session: p.date,
        Close: formatPrice(p.close),
        'SMA 50': price(p.sma50),
        'SMA 200': price(p.sma200),
        'RSI (14)': fixed(p.rsi14, 1),
        MACD: fixed(p.macd, 2),
        Signal: fixed(p.macdSignal, 2),
        Histogram: fixed(p.macdHist, 2),
      })));
      expect(mark('hover_rsi_marks').map((i) => i.tooltip)).toEqual(tooltips);
      expect(mark('hover_macd_marks').map((i) => i.tooltip)).toEqual(tooltips);
    }
    const { mark } = await runView(tickerPanelsSpec('AAPL', mature, forecast));
    const last = forecast.points.at(-1)!;
    expect(mark('fan_hover_marks').map((i) => i.tooltip).at(-1)).toEqual({
      Session: last.date,
      'Median forecast': formatPrice(last.p50),
      '80% interval': priceRange(last.p10, last.p90),
      '95% interval': priceRange(last.p025, last.p975),
    });
  });

  it('marks a hovered session in all three panels, and nothing while none is hovered', async () => {
    const { view, mark } = await runView(tickerPanelsSpec('AAPL', mature, null));
    const panels = ['hover_price_marks', 'hover_rsi_marks', 'hover_macd_marks'];
    const shown = () => panels.map((name) => mark(name).filter((i) => i.opacity! > 0).map((i) => i.datum.session));
    expect(shown()).toEqual([[], [], []]);
    // What a pointer over the RSI panel's rule for that session puts in the selection.
    const session = mature.at(-30)!.date;
    view.data('session_store', [{ unit: 'hover_rsi', fields: [{ type: 'E', field: 'date' }], values: [sessionTime(session)] }]);
    await view.runAsync();
    expect(shown()).toEqual([[session], [session], [session]]);
  });

  it('selects a session only from the hover rules: a line under the pointer would select its first session', () => {
    const vegaSpec = vl.compile(tickerPanelsSpec('AAPL', mature, forecast)).spec as unknown as { marks: { signals?: { name: string; on?: { events: unknown }[] }[] }[] };
    const selecting = vegaSpec.marks.flatMap((panel) => panel.signals ?? []).filter((s) => s.name === 'session_tuple');
    expect(selecting.map((s) => s.on![0]!.events)).toEqual(
      ['hover_price', 'hover_rsi', 'hover_macd'].map((name) => [{ type: 'pointerover', markname: `${name}_marks` }]),
    );
  });

  it('draws dates the same in every process time zone', async () => {
    const spec = tickerPanelsSpec('AAPL', mature, forecast);
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await chartSvg(spec);
      process.env.TZ = 'Pacific/Kiritimati';
      expect(await chartSvg(spec)).toBe(utc);
      process.env.TZ = 'Pacific/Pago_Pago';
      expect(await chartSvg(spec)).toBe(utc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('refuses a history with nothing to draw, and a forecast it cannot draw', () => {
    const nothing = () => tickerPanelsSpec('AAPL', mature.map((p) => ({ ...p, close: Number.NaN })), forecast);
    expect(nothing).toThrow(UserError);
    expect(nothing).toThrow(expect.objectContaining({ code: 'no_price_history' }));
    expect(() => tickerPanelsSpec('AAPL', mature, { ...forecast, points: [] })).toThrow(/no points to chart/);
    const broken = { ...forecast, points: forecast.points.map((p, i) => (i === 2 ? { ...p, p975: Number.NaN } : p)) };
    expect(() => tickerPanelsSpec('AAPL', mature, broken)).toThrow(RangeError);
  });
});
