import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { HISTORY_SESSIONS } from '../../charts/chartStyle.ts';
import { forecastChartSpec } from '../../charts/forecastChart.ts';
import { skillLine } from '../../render/wording.ts';
import { compileWarnings, fanForecast, realHistory } from './chartFixtures.ts';

interface Layer {
  data: { values: Record<string, unknown>[] };
  mark: { type: string };
}
const layers = (spec: TopLevelSpec) => (spec as unknown as { layer: Layer[] }).layer;
const layerOf = (spec: TopLevelSpec, type: string, field: string) =>
  layers(spec).find((l) => l.mark.type === type && JSON.stringify(l).includes(`"field":"${field}"`))!;

describe('forecastChartSpec', () => {
  const history = realHistory('AAPL', 300);
  const forecast = fanForecast(history);

  it('compiles without warnings', () => {
    expect(compileWarnings(forecastChartSpec(forecast, history))).toEqual([]);
    expect(compileWarnings(forecastChartSpec({ ...forecast, edge: false }, []))).toEqual([]);
  });

  it('draws the last sessions of history ending at the last close, and the fan starting there', () => {
    const spec = forecastChartSpec(forecast, history);
    const closes = layerOf(spec, 'line', 'close').data.values;
    expect(closes).toHaveLength(HISTORY_SESSIONS);
    expect(closes.at(-1)).toEqual({ date: forecast.asOf, close: forecast.lastClose });
    expect(closes.map((p) => p.date)).toEqual(history.slice(-HISTORY_SESSIONS).map((p) => p.date));

    const fan = layerOf(spec, 'area', 'p025').data.values;
    expect(fan[0]).toEqual({ date: forecast.asOf, p025: forecast.lastClose, p10: forecast.lastClose, p50: forecast.lastClose, p90: forecast.lastClose, p975: forecast.lastClose });
    expect(fan.slice(1)).toEqual(forecast.points);
    expect(layerOf(spec, 'area', 'p10')).toBeDefined();
    expect(layerOf(spec, 'line', 'p50')).toBeDefined();
  });

  it('titles the chart with ticker and model version, and a y scale not forced to zero', () => {
    const spec = forecastChartSpec(forecast, history) as unknown as { title: { text: string; subtitle: string[] }; width: number; height: number };
    expect(spec.title.text).toContain('AAPL');
    expect(spec.title.text).toContain('model v12');
    expect([spec.width, spec.height]).toEqual([720, 360]);
    expect(JSON.stringify(spec)).toContain('"zero":false');
  });

  it('subtitles the short skill line: the figures where the model has an edge, the reason where it has none', () => {
    const subtitle = (f: typeof forecast) => (forecastChartSpec(f, history) as unknown as { title: { subtitle: string[] } }).title.subtitle;
    expect(subtitle(forecast).join(' ')).toBe(skillLine(forecast, { short: true }));
    expect(subtitle(forecast).join(' ')).toMatch(/^Edge over tomorrow = today: MASE 0\.950 · direction 54% \[51%, 57%\] · 80% interval held 81%, 95% held 94%/);
    const noEdge = { ...forecast, edge: false, edgeReason: 'No edge over "tomorrow = today" lately (MASE 1.013 ≥ 1); showing the random walk + volatility interval.' };
    expect(subtitle(noEdge).join(' ')).toBe(noEdge.edgeReason);
  });

  it('leaves out closes that are not finite or undated, and draws the fan alone with no history', () => {
    const holed = history.map((p, i) => (i % 10 === 0 ? { ...p, close: Number.NaN } : i % 10 === 5 ? { ...p, date: '' } : p));
    const closes = layerOf(forecastChartSpec(forecast, holed), 'line', 'close').data.values;
    expect(closes).toHaveLength(HISTORY_SESSIONS);
    expect(closes.every((p) => Number.isFinite(p.close) && /^\d{4}-\d{2}-\d{2}$/.test(String(p.date)))).toBe(true);

    const alone = layerOf(forecastChartSpec(forecast, []), 'line', 'close').data.values;
    expect(alone).toEqual([{ date: forecast.asOf, close: forecast.lastClose }]);
  });

  it('ignores history after the forecast session', () => {
    const earlier = fanForecast(history.slice(0, -20));
    const closes = layerOf(forecastChartSpec(earlier, history), 'line', 'close').data.values;
    expect(closes.at(-1)!.date).toBe(earlier.asOf);
  });

  it('refuses a forecast it cannot draw, with a reason', () => {
    expect(() => forecastChartSpec({ ...forecast, points: [] }, history)).toThrow(/no points to chart/);
    const broken = { ...forecast, points: forecast.points.map((p, i) => (i === 2 ? { ...p, p975: Number.NaN } : p)) };
    expect(() => forecastChartSpec(broken, history)).toThrow(/non-finite price/);
    expect(() => forecastChartSpec({ ...forecast, lastClose: Number.POSITIVE_INFINITY }, history)).toThrow(/non-finite price/);
  });
});
