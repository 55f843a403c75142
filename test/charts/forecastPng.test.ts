import { describe, expect, it } from 'vitest';
import { clearChartCache, forecastPng, pricePng } from '../../charts/forecastPng.ts';
import { expectChatChart, pngSize } from '../support/png.ts';
import { fanForecast, realHistory } from './chartFixtures.ts';

describe('forecastPng', () => {
  const history = realHistory('AAPL', 60);
  const forecast = fanForecast(history);

  it('renders the forecast chart as a 1440x720 PNG', async () => {
    expectChatChart(await forecastPng(forecast, history));
  });

  it('returns the same buffer for the same forecast, also to a burst of concurrent callers', async () => {
    clearChartCache();
    const burst = await Promise.all(Array.from({ length: 50 }, () => forecastPng(structuredClone(forecast), structuredClone(history))));
    expect(new Set(burst).size).toBe(1);
    expect(await forecastPng(forecast, history)).toBe(burst[0]);
  });

  it('renders anew when anything drawn differs', async () => {
    const png = await forecastPng(forecast, history);
    const otherMedian = { ...forecast, points: forecast.points.map((p) => ({ ...p, p50: p.p50 + 1 })) };
    const changes = [
      forecastPng(otherMedian, history),
      forecastPng({ ...forecast, modelVersion: 'v13' }, history),
      forecastPng({ ...forecast, edge: false }, history),
      forecastPng(forecast, history.slice(1)),
    ];
    for (const other of await Promise.all(changes)) {
      expect(other).not.toBe(png);
      expect(Buffer.from(other).equals(Buffer.from(png))).toBe(false);
    }
  });

  it('rejects a forecast it cannot draw and remembers no failure', async () => {
    await expect(forecastPng({ ...forecast, points: [] }, history)).rejects.toThrow(/no points to chart/);
    await expect(forecastPng({ ...forecast, points: [] }, history)).rejects.toThrow(/no points to chart/);
  });
});

describe('pricePng', () => {
  it('renders the price chart and caches it', async () => {
    const history = realHistory('KO', 200);
    const png = await pricePng('KO', history);
    expect(pngSize(png)).toEqual({ width: 1440, height: 720 });
    expect(await pricePng('KO', history)).toBe(png);
  });

  it('rejects an empty history with the user-facing error', async () => {
    await expect(pricePng('KO', [])).rejects.toMatchObject({ code: 'no_price_history' });
  });
});
