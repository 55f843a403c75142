import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { compileWarnings } from './chartFixtures.ts';
import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../charts/renderChart.ts';
import { REPORT_WIDTH } from '../../charts/reportStyle.ts';
import { watchlistChartSpec, type WatchlistRow } from '../../charts/watchlistChart.ts';
import { signedPercent } from '../../render/wording.ts';

const full: WatchlistRow = { ticker: 'AAPL', change1dPct: 0.8, change5dPct: -3.2, forecastChangePct: 0.4, low80Pct: -2.9, high80Pct: 3.6 };
const rows: WatchlistRow[] = [
  full,
  { ticker: 'MSFT', change1dPct: -0.3, change5dPct: 1.9, forecastChangePct: 0.2, low80Pct: -2.1, high80Pct: 2.6 },
  // No forecast published: the realised change alone.
  { ticker: 'NVDA', change1dPct: 2.1, change5dPct: 6.4, forecastChangePct: null, low80Pct: null, high80Pct: null },
  // A new ticker: a forecast, no five sessions of history yet.
  { ticker: 'EURUSD=X', change1dPct: null, change5dPct: null, forecastChangePct: 0.1, low80Pct: -0.8, high80Pct: 0.9 },
  // An interval with a non-finite end is no interval; the median still draws.
  { ticker: 'KO', change1dPct: 0.1, change5dPct: Number.NaN, forecastChangePct: -0.2, low80Pct: -1.5, high80Pct: Number.POSITIVE_INFINITY },
  // Only the last session's change, which this chart does not draw: nothing to draw, so it says n/a.
  { ticker: 'TSLA', change1dPct: 1.2, change5dPct: null, forecastChangePct: null, low80Pct: 0.5, high80Pct: null },
];

interface SceneNode {
  marktype?: string;
  name?: string;
  items?: SceneNode[];
  datum?: Record<string, unknown>;
  tooltip?: Record<string, string>;
}

async function runView(spec: TopLevelSpec) {
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  await view.runAsync();
  const mark = (name: string): SceneNode[] => {
    let found: SceneNode | undefined;
    const visit = (node: SceneNode) => {
      if (node.marktype && node.name === `${name}_marks`) found = node;
      for (const child of node.items ?? []) visit(child);
    };
    visit((view.scenegraph() as unknown as { root: SceneNode }).root);
    if (!found) throw new Error(`no mark ${name}`);
    return found.items ?? [];
  };
  return { view, mark };
}

const tickersOf = (items: SceneNode[]) => items.map((i) => i.datum!.ticker);

describe('watchlistChartSpec', () => {
  it('compiles without warnings, for a full watchlist and for one ticker with nothing to draw', () => {
    expect(compileWarnings(watchlistChartSpec(rows))).toEqual([]);
    expect(compileWarnings(watchlistChartSpec([{ ...full, change5dPct: null, forecastChangePct: null, low80Pct: null }]))).toEqual([]);
  });

  it('renders the report column wide, with every ticker and the legend', async () => {
    const svg = await chartSvg(watchlistChartSpec(rows));
    expect(svg).toMatch(new RegExp(`^<svg [^>]*width="${REPORT_WIDTH}" height="\\d+"`));
    for (const text of ['AAPL', 'MSFT', 'NVDA', 'EURUSD=X', 'KO', 'TSLA', 'Last 5 sessions', 'Forecast median, next 5', '80% interval', 'n/a', '0%']) {
      expect(svg).toContain(`>${text}</text>`);
    }
  });

  it('keeps the tickers in the order given', async () => {
    const { view } = await runView(watchlistChartSpec(rows));
    expect(view.scale('y').domain()).toEqual(rows.map((r) => r.ticker));
  });

  it('draws what each row has: bars, intervals and medians only where their figures are', async () => {
    const { mark } = await runView(watchlistChartSpec(rows));
    expect(tickersOf(mark('realised'))).toEqual(['AAPL', 'MSFT', 'NVDA']);
    expect(tickersOf(mark('interval'))).toEqual(['AAPL', 'MSFT', 'EURUSD=X']);
    expect(tickersOf(mark('median'))).toEqual(['AAPL', 'MSFT', 'EURUSD=X', 'KO']);
    expect(tickersOf(mark('missing'))).toEqual(['TSLA']);
  });

  it('spans zero and every figure drawn on the percent axis', async () => {
    const { view } = await runView(watchlistChartSpec(rows));
    const [low, high] = view.scale('x').domain() as [number, number];
    expect(low).toBeLessThanOrEqual(-3.2);
    expect(high).toBeGreaterThanOrEqual(6.4);
    const { view: gains } = await runView(watchlistChartSpec([{ ...full, change5dPct: 2, forecastChangePct: 1, low80Pct: 0.5, high80Pct: 1.5 }]));
    expect((gains.scale('x').domain() as number[])[0]).toBe(0);
  });

  it('words its tooltips as the chat and the report word changes', async () => {
    const { mark } = await runView(watchlistChartSpec(rows));
    const tooltip = (name: string, ticker: string) => mark(name).find((i) => i.datum!.ticker === ticker)!.tooltip;
    const aapl = {
      Ticker: 'AAPL',
      'Last session': signedPercent(0.008),
      'Last 5 sessions': signedPercent(-0.032),
      'Forecast median, next 5': signedPercent(0.004),
      '80% interval': `${signedPercent(-0.029)} to ${signedPercent(0.036)}`,
    };
    expect(aapl['Last 5 sessions']).toBe('-3.2%');
    expect(tooltip('realised', 'AAPL')).toEqual(aapl);
    expect(tooltip('median', 'AAPL')).toEqual(aapl);
    expect(tooltip('interval', 'AAPL')).toEqual(aapl);
    expect(tooltip('median', 'KO')).toMatchObject({ 'Last 5 sessions': 'n/a', '80% interval': 'n/a' });
    expect(tooltip('missing', 'TSLA')).toMatchObject({ 'Last session': '+1.2%', 'Forecast median, next 5': 'n/a' });
  });

  it('refuses an empty watchlist and a ticker listed twice', () => {
    expect(() => watchlistChartSpec([])).toThrow(RangeError);
    expect(() => watchlistChartSpec([full, { ...full }])).toThrow(/AAPL appears twice/);
  });
});
