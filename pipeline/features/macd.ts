import { ema } from './ema.ts';
import { subtractSeries, type ReadonlySeries, type Series } from './series.ts';

export interface Macd {
  /** EMA(fast) - EMA(slow), from index slow - 1. */
  macd: Series;
  /** EMA(signal) of the MACD line, seeded with the mean of its first `signal` values: from slow + signal - 2. */
  signal: Series;
  /** macd - signal. */
  hist: Series;
}

/**
 * MACD (12, 26, 9 by default). Both EMAs are the plain seeded EMAs of the whole series, so `macd` is exactly
 * ema_12 - ema_26. (TA-Lib's MACD instead re-seeds the fast EMA at the slow one's start; its values differ slightly
 * for the first few hundred bars.)
 */
export function macd(closes: ReadonlySeries, fast = 12, slow = 26, signalPeriod = 9): Macd {
  const line = subtractSeries(ema(closes, fast), ema(closes, slow));
  const signal = ema(line, signalPeriod);
  return { macd: line, signal, hist: subtractSeries(line, signal) };
}
