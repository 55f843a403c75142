import { wilderAverage } from './wilderAverage.ts';
import { emptySeries, type Series } from './series.ts';

/**
 * Wilder's RSI. Gains and losses are the positive and negative parts of close-to-close changes (from index 1); the
 * first averages are simple means of the first `period` of them, then Wilder smoothing; first value at `period`.
 * Written as 100·G/(G+L), equal to 100 - 100/(1 + G/L) but defined when L = 0: no losses gives 100, and a window
 * with neither gains nor losses (a flat price) gives the neutral 50.
 */
export function rsi(closes: readonly number[], period = 14): Series {
  const gains = emptySeries(closes.length);
  const losses = emptySeries(closes.length);
  for (let i = 1; i < closes.length; i++) {
    const change = closes[i]! - closes[i - 1]!;
    gains[i] = change > 0 ? change : 0;
    losses[i] = change < 0 ? -change : 0;
  }
  const averageGain = wilderAverage(gains, period);
  const averageLoss = wilderAverage(losses, period);
  return averageGain.map((gain, i) => {
    const loss = averageLoss[i];
    if (gain == null || loss == null) return null;
    return gain + loss === 0 ? 50 : (100 * gain) / (gain + loss);
  });
}
