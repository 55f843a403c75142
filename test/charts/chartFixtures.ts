import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import type { ClosePoint } from '../../charts/chartStyle.ts';
import { sessionDate } from '../../core/bars.ts';
import type { Forecast, ForecastPoint } from '../../core/forecast.ts';
import { readDaily } from '../support/sharedData.ts';

/** The last `sessions` real closes of a shared daily file, the last one being the forecast's `asOf`. */
export function realHistory(ticker = 'AAPL', sessions = 60): ClosePoint[] {
  return readDaily(ticker)
    .slice(-sessions)
    .map((bar) => ({ date: sessionDate(bar.ts), close: bar.close }));
}

/** The next `count` weekdays after `date`, as a forecast's session dates. */
function nextWeekdays(date: string, count: number): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${date}T00:00:00Z`) + 86_400_000; days.length < count; t += 86_400_000) {
    const day = new Date(t).getUTCDay();
    if (day !== 0 && day !== 6) days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * A forecast shaped like the service's: a random-walk + volatility fan from the history's last close, with the
 * volatility of its real log returns. `overrides` change any field.
 */
export function fanForecast(history: ClosePoint[], overrides: Partial<Forecast> = {}): Forecast {
  const last = history[history.length - 1]!;
  const logReturns = history.slice(1).map((p, i) => Math.log(p.close / history[i]!.close));
  const mean = logReturns.reduce((a, b) => a + b, 0) / logReturns.length;
  const sigma = Math.sqrt(logReturns.reduce((a, r) => a + (r - mean) ** 2, 0) / (logReturns.length - 1));
  const points: ForecastPoint[] = nextWeekdays(last.date, 5).map((date, i) => {
    const s = sigma * Math.sqrt(i + 1);
    const at = (z: number) => last.close * Math.exp(z * s);
    return { date, p025: at(-1.96), p10: at(-1.2816), p50: last.close, p90: at(1.2816), p975: at(1.96) };
  });
  return {
    ticker: 'AAPL',
    asOf: last.date,
    horizon: 5,
    modelVersion: 'v12',
    lastClose: last.close,
    points,
    modelPoints: points,
    skill: { mase: 0.95, u2: 0.97, hitRate: 0.54, hitRateLow: 0.51, hitRateHigh: 0.57, coverage80: 0.81, coverage95: 0.94, n: 250, window: '2025-06-13..2026-06-12 walk-forward, 1-day' },
    edge: true,
    edgeReason: 'The model has beaten "tomorrow = today" lately (MASE 0.950, 80% coverage 81.0%).',
    drivers: [],
    ...overrides,
  };
}

/** Vega-Lite's warnings (a dropped encoding, an ignored property) mean the chart is not drawn as written. */
export function compileWarnings(spec: TopLevelSpec): string[] {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn);
  logger.warn = (...args: readonly unknown[]) => {
    warnings.push(args.join(' '));
    return logger;
  };
  vl.compile(spec, { logger });
  return warnings;
}
