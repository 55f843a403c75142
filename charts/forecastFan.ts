import type { Forecast, ForecastPoint } from '../core/forecast.ts';

/**
 * A forecast's fan as rows: the last close as a zero-width start, then the forecast sessions, so the bands grow out
 * of the history. A forecast with no points or a non-finite price is refused (a bug upstream), never drawn.
 */
export function forecastFan(forecast: Forecast): ForecastPoint[] {
  const numbers = [forecast.lastClose, ...forecast.points.flatMap((p) => [p.p025, p.p10, p.p50, p.p90, p.p975])];
  if (forecast.points.length === 0) throw new RangeError(`forecast for ${forecast.ticker} has no points to chart`);
  if (!numbers.every(Number.isFinite)) throw new RangeError(`forecast for ${forecast.ticker} has a non-finite price; refusing to chart it`);
  const c = forecast.lastClose;
  return [{ date: forecast.asOf, p025: c, p10: c, p50: c, p90: c, p975: c }, ...forecast.points];
}
