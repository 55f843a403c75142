import type { Bar, Interval } from '../core/bars.ts';
import { sessionDate } from '../core/bars.ts';

/** One stored bar as `tickcast prices --json` and `GET /api/prices/:ticker` show it. */
export type PriceRow = {
  /** Daily bars: the session date; intraday bars carry `ts` (their start, ISO 8601) instead. */
  date?: string;
  ts?: string;
  open: number;
  high: number;
  low: number;
  close: number;
  adj_close: number | null;
  volume: number;
};

/**
 * The prices document: `{ ticker, interval, rows }`, rows oldest first. Daily rows are keyed by `date`, intraday rows
 * by `ts`, so a script reading daily bars never has to cut a timestamp.
 */
export function pricesJson(ticker: string, interval: Interval, bars: readonly Bar[]): { ticker: string; interval: Interval; rows: PriceRow[] } {
  const when = (bar: Bar) => (interval === '1d' ? { date: sessionDate(bar.ts) } : { ts: bar.ts.toISOString() });
  return {
    ticker,
    interval,
    rows: bars.map((bar) => ({ ...when(bar), open: bar.open, high: bar.high, low: bar.low, close: bar.close, adj_close: bar.adjClose, volume: bar.volume })),
  };
}
