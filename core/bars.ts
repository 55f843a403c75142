/** Bar intervals tickcast stores. Daily bars are keyed by session date, intraday bars by bar start time. */
export const INTERVALS = ['1d', '1h', '5m', '1m'] as const;
export type Interval = (typeof INTERVALS)[number];

/**
 * One OHLCV bar. Prices follow Yahoo's convention: `open..close` are split-adjusted, `adjClose` is also
 * dividend-adjusted (daily bars only; null where the source has none, e.g. intraday).
 * `ts` is the bar start: for daily bars midnight UTC of the session date.
 */
export interface Bar {
  ts: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number | null;
  volume: number;
}

/** What an idempotent bulk upsert did: rows new, rows whose values changed, rows already identical. */
export interface UpsertCounts {
  added: number;
  updated: number;
  unchanged: number;
}

/** Tickers as exchanges and Yahoo spell them: AAPL, BRK-B, ^GSPC, EURUSD=X, 7203.T. */
export const TICKER_PATTERN = /^\^?[A-Z0-9][A-Z0-9.\-=]{0,19}$/;

export function isTicker(value: string): boolean {
  return TICKER_PATTERN.test(value);
}

/** Session date `YYYY-MM-DD` of a daily bar timestamp. */
export function sessionDate(ts: Date): string {
  return ts.toISOString().slice(0, 10);
}
