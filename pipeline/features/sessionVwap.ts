import type { Bar } from '../../core/bars.ts';
import { emptySeries, type Series } from './series.ts';

export type VwapBar = Pick<Bar, 'high' | 'low' | 'close' | 'volume'>;

/**
 * Session-anchored VWAP: Σ typical·volume / Σ volume over the bars of the current session up to and including this
 * one, typical = (high + low + close) / 3. `sessions[i]` names bar i's session (for US stocks its New York date,
 * see `newYorkDates`); the sums restart whenever it changes. Null until the session has traded any volume.
 */
export function sessionVwap(bars: readonly VwapBar[], sessions: readonly string[]): Series {
  const out = emptySeries(bars.length);
  let priceVolume = 0;
  let volume = 0;
  for (let i = 0; i < bars.length; i++) {
    if (i === 0 || sessions[i] !== sessions[i - 1]) {
      priceVolume = 0;
      volume = 0;
    }
    const bar = bars[i]!;
    priceVolume += ((bar.high + bar.low + bar.close) / 3) * bar.volume;
    volume += bar.volume;
    if (volume > 0) out[i] = priceVolume / volume;
  }
  return out;
}
