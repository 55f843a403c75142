import { QUANTILE_KEYS, type ForecastPoint } from '../core/forecast.ts';
import { nextSession } from '../pipeline/calendar/index.ts';

/** The next `count` NYSE sessions after `asOf`. */
export function sessionsAfter(asOf: string, count: number): string[] {
  const dates: string[] = [];
  let date = asOf;
  for (let i = 0; i < count; i++) dates.push((date = nextSession(date)));
  return dates;
}

/**
 * Price quantiles for sessions 1..horizon after `asOf`, from the last close and each horizon's log-return
 * quantiles (ascending, in `QUANTILE_KEYS` order).
 */
export function pricePoints(lastClose: number, asOf: string, horizon: number, returnQuantiles: (h: number) => ArrayLike<number>): ForecastPoint[] {
  return sessionsAfter(asOf, horizon).map((date, i) => {
    const quantiles = returnQuantiles(i + 1);
    const point = { date } as ForecastPoint;
    QUANTILE_KEYS.forEach((key, q) => (point[key] = lastClose * Math.exp(quantiles[q]!)));
    return point;
  });
}
