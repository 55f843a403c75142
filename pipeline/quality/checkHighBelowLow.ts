import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { hasValidTime } from './barPredicates.ts';
import { formatBarTime, formatNumber } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/** Blocking: high below low cannot happen in a real bar; columns are swapped or corrupt. */
export function checkHighBelowLow(series: SeriesContext, bars: readonly Bar[]): Finding[] {
  return bars
    .filter((bar) => bar.high < bar.low)
    .map((bar) => makeFinding(
      series, hasValidTime(bar) ? bar.ts : null, 'high_below_low', 'blocking',
      `high ${formatNumber(bar.high)} is below low ${formatNumber(bar.low)} at ${formatBarTime(series.interval, bar.ts)}.`,
      { high: bar.high, low: bar.low },
    ));
}
