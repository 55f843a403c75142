import type { Bar } from '../../core/bars.ts';
import { emptySeries, type Series } from './series.ts';
import { wilderAverage } from './wilderAverage.ts';

export type RangeBar = Pick<Bar, 'high' | 'low' | 'close'>;

/**
 * True range max(high - low, |high - previous close|, |low - previous close|). Null at index 0: without a previous
 * close a gap cannot be seen, and TA-Lib starts there too.
 */
export function trueRange(bars: readonly RangeBar[]): Series {
  const out = emptySeries(bars.length);
  for (let i = 1; i < bars.length; i++) {
    const { high, low } = bars[i]!;
    const previousClose = bars[i - 1]!.close;
    out[i] = Math.max(high - low, Math.abs(high - previousClose), Math.abs(low - previousClose));
  }
  return out;
}

/** Wilder's ATR: first value at index `period` = mean of true ranges 1..period, then Wilder smoothing. */
export function atr(bars: readonly RangeBar[], period = 14): Series {
  return wilderAverage(trueRange(bars), period);
}
