import { createHash } from 'node:crypto';
import type { TopLevelSpec } from 'vega-lite';
import type { Forecast } from '../core/forecast.ts';
import type { ClosePoint } from './chartStyle.ts';
import { forecastChartSpec } from './forecastChart.ts';
import { LruCache } from './lruCache.ts';
import { priceChartSpec } from './priceChart.ts';
import { chartPngAsync, chartSvg } from './renderChart.ts';

/** About a day's distinct charts for a watchlist; at ~90 KB a PNG, a few megabytes. */
export const CHART_CACHE_ENTRIES = 64;

/**
 * Rendered PNGs by what they draw. Many users ask for the same ticker on the same day and get the same chart; the
 * promise is cached, not the bytes, so a burst of identical requests shares one render instead of starting dozens.
 */
const pngCache = new LruCache<string, Promise<Uint8Array>>(CHART_CACHE_ENTRIES);

/**
 * The forecast chart as a 1440x720 PNG. Repeats return the very same `Uint8Array`: callers must treat it as
 * read-only (upload it, never write into it).
 */
export async function forecastPng(forecast: Forecast, history: ClosePoint[]): Promise<Uint8Array> {
  return cachedPng(forecastChartSpec(forecast, history));
}

/** The `price` command's chart as a 1440x720 PNG; cached and shared like `forecastPng`. */
export async function pricePng(ticker: string, history: ClosePoint[]): Promise<Uint8Array> {
  return cachedPng(priceChartSpec(ticker, history));
}

/** Drops every cached chart (tests, or after a change of chart style in a long-running process). */
export function clearChartCache(): void {
  pngCache.clear();
}

/**
 * Keyed on the spec itself rather than a list of forecast fields: ticker, session, horizon, model version and
 * quantiles are all in it, and so are the skill subtitle and the closes, which change the picture too.
 */
function cachedPng(spec: TopLevelSpec): Promise<Uint8Array> {
  const key = createHash('sha256').update(JSON.stringify(spec)).digest('base64');
  const cached = pngCache.get(key);
  if (cached) return cached;
  const rendering = chartSvg(spec).then((svg) => chartPngAsync(svg));
  pngCache.set(key, rendering);
  // A failed render is not remembered: the next request tries again.
  rendering.catch(() => {
    if (pngCache.get(key) === rendering) pngCache.delete(key);
  });
  return rendering;
}
