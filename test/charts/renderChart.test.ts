import fs from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../charts/chartStyle.ts';
import { forecastChartSpec } from '../../charts/forecastChart.ts';
import { DEJAVU_DIR, chartFontFiles, chartPng, chartPngAsync, chartSvg } from '../../charts/renderChart.ts';
import { expectChatChart, pngSize } from '../support/png.ts';
import { fanForecast, realHistory } from './chartFixtures.ts';

const history = realHistory('AAPL', 120);
const forecast = fanForecast(history);

describe('chartSvg', () => {
  it('draws the title, the skill line and both bands of a forecast', async () => {
    const svg = await chartSvg(forecastChartSpec(forecast, history));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('width="720" height="360"');
    expect(svg).toContain(`>AAPL · 5-session forecast from ${forecast.asOf} · model v12</text>`);
    expect(svg).toContain('>Edge over tomorrow = today: MASE 0.950 · direction 54% [51%, 57%]');
    expect(svg).toMatch(new RegExp(`<g class="mark-area role-mark layer_0_marks"[^>]*><path [^>]*d="M[^"]+Z" fill="${PALETTE.band95}"`));
    expect(svg).toMatch(new RegExp(`<g class="mark-area role-mark layer_1_marks"[^>]*><path [^>]*d="M[^"]+Z" fill="${PALETTE.band80}"`));
    expect(svg).toContain('stroke-dasharray="6,4"');
    expect(svg).toContain(`font-family="DejaVu Sans"`);
  });

  it('labels dates in UTC whatever the process time zone', async () => {
    const spec = forecastChartSpec(forecast, history);
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = await chartSvg(spec);
      process.env.TZ = 'Pacific/Kiritimati';
      const east = await chartSvg(spec);
      process.env.TZ = 'Pacific/Pago_Pago';
      const west = await chartSvg(spec);
      expect(east).toBe(utc);
      expect(west).toBe(utc);
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('escapes text, so a reason with markup characters still makes valid SVG', async () => {
    const reason = 'MASE 1.02 >= 1 & coverage <80%; showing the random walk + volatility interval.';
    const svg = await chartSvg(forecastChartSpec({ ...forecast, ticker: 'EURUSD=X', edge: false, edgeReason: reason }, history));
    expect(svg).toContain('MASE 1.02 &gt;= 1 &amp; coverage &lt;80%');
    expect(pngSize(chartPng(svg))).toEqual({ width: 1440, height: 720 });
  });

  it('loads nothing from outside the spec', async () => {
    const remote = { data: { url: 'https://example.com/closes.csv' }, mark: 'line', encoding: { x: { field: 'a', type: 'quantitative' } } } as TopLevelSpec;
    await expect(chartSvg(remote)).rejects.toThrow(/charts load no external resources/);
  });
});

describe('chartPng', () => {
  it('renders a 1440x720 PNG of plausible size at the default 2x', async () => {
    expectChatChart(chartPng(await chartSvg(forecastChartSpec(forecast, history))));
  });

  it('scales, and renders the same bytes off the main thread', async () => {
    const svg = await chartSvg(forecastChartSpec(forecast, history));
    expect(pngSize(chartPng(svg, { scale: 1 }))).toEqual({ width: 720, height: 360 });
    expect(Buffer.from(await chartPngAsync(svg)).equals(Buffer.from(chartPng(svg)))).toBe(true);
    expect(() => chartPng(svg, { scale: 0 })).toThrow(/scale/);
  });

  it('draws text: a line of text makes the image differ from a blank one', () => {
    const blank = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"></svg>';
    const text = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="4" y="28" font-family="DejaVu Sans" font-size="20">AAPL 291.13</text></svg>';
    expect(chartPng(text).byteLength).toBeGreaterThan(chartPng(blank).byteLength + 500);
  });

  it.skipIf(!fs.existsSync(DEJAVU_DIR))('loads the DejaVu files when they are installed', () => {
    expect(chartFontFiles().map((f) => f.slice(DEJAVU_DIR.length + 1))).toEqual(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf']);
  });
});
