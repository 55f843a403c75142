import type { Bar } from '../../core/bars.ts';
import { emptySeries, type Series } from './series.ts';

export type ReturnBar = Pick<Bar, 'close' | 'adjClose'>;

/**
 * p[i] / p[i-1] per bar, null at index 0. p is `adjClose` when both bars have it, so a dividend does not look like a
 * loss; otherwise `close` for both (intraday bars have no adjClose), so the two columns are never mixed in one ratio.
 * Null where either price is not positive (no meaningful return; the log would be -Infinity) or the ratio overflows.
 */
export function priceRelatives(bars: readonly ReturnBar[]): Series {
  const out = emptySeries(bars.length);
  for (let i = 1; i < bars.length; i++) {
    const previous = bars[i - 1]!;
    const current = bars[i]!;
    const bothAdjusted = previous.adjClose != null && current.adjClose != null;
    const before = bothAdjusted ? previous.adjClose! : previous.close;
    const after = bothAdjusted ? current.adjClose! : current.close;
    const ratio = after / before;
    if (before > 0 && after > 0 && Number.isFinite(ratio)) out[i] = ratio;
  }
  return out;
}

/** Simple return p[i] / p[i-1] - 1 (see `priceRelatives` for the price column). */
export function simpleReturns(bars: readonly ReturnBar[]): Series {
  return priceRelatives(bars).map((ratio) => (ratio == null ? null : ratio - 1));
}

/** Log return ln(p[i] / p[i-1]) (see `priceRelatives` for the price column). */
export function logReturns(bars: readonly ReturnBar[]): Series {
  return priceRelatives(bars).map((ratio) => (ratio == null ? null : Math.log(ratio)));
}
