import type { Bar, Interval } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { isFlatBar, sameOhlcv } from './barPredicates.ts';
import { isPlaceholderBar } from './checkPlaceholderBars.ts';
import { formatBarTime, formatNumber } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/**
 * On thin intraday feeds one round-lot trade a minute at an unchanged price gives identical flat bars in a row
 * (SPY_1min has ten, of 400 to 1,500 shares, all in extended hours): real trades, not a stuck feed.
 */
function isRepeatedSingleTrade(interval: Interval, bar: Bar): boolean {
  return interval !== '1d' && isFlatBar(bar) && bar.volume > 0;
}

function describeStale(interval: Interval, bar: Bar, previous: Bar | undefined): string | null {
  const when = formatBarTime(interval, bar.ts);
  if (previous !== undefined && sameOhlcv(bar, previous) && !isRepeatedSingleTrade(interval, bar)) {
    return `bar at ${when} repeats the previous bar exactly (O ${formatNumber(bar.open)}, H ${formatNumber(bar.high)}, `
      + `L ${formatNumber(bar.low)}, C ${formatNumber(bar.close)}, volume ${formatNumber(bar.volume)}).`;
  }
  if (isFlatBar(bar) && bar.volume === 0) {
    const before = previous === undefined ? 'no previous bar' : `previous close ${formatNumber(previous.close)}`;
    return `flat bar at ${when}: O=H=L=C=${formatNumber(bar.close)} with volume 0 (${before}).`;
  }
  return null;
}

/**
 * Warning: a bar that repeats its predecessor's OHLCV exactly (a stuck feed re-sending the last bar), or a flat
 * zero-volume bar at a new price (a quote, not a trade). Placeholders are their own kind and are skipped here.
 */
export function checkStaleBars(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  sorted.forEach((bar, index) => {
    const previous = sorted[index - 1];
    if (isPlaceholderBar(bar, previous)) return;
    const detail = describeStale(series.interval, bar, previous);
    if (detail !== null) findings.push(makeFinding(series, bar.ts, 'stale_bar', 'warning', detail));
  });
  return findings;
}
