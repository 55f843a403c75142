import { assertPeriod, emptySeries, type Series } from './series.ts';

/**
 * close[i] / close[i - period] - 1, first at index `period`. Null where the older close is not positive or the
 * ratio overflows, so no Infinity reaches a model.
 */
export function momentum(closes: readonly number[], period = 10): Series {
  assertPeriod(period);
  const out = emptySeries(closes.length);
  for (let i = period; i < closes.length; i++) {
    const before = closes[i - period]!;
    const ratio = closes[i]! / before;
    if (before > 0 && Number.isFinite(ratio)) out[i] = ratio - 1;
  }
  return out;
}
