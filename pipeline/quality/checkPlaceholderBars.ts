import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { isFlatBar } from './barPredicates.ts';
import { formatBarTime, formatNumber } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';
import { PLACEHOLDER_PRICE_TOLERANCE } from './qualityThresholds.ts';

/**
 * A bar a source invented for a session it had no data for: O=H=L=C equal to the previous close, volume 0.
 * (AMD 2015-01-02 in Yahoo's history is one, although AMD traded that day.)
 */
export function isPlaceholderBar(bar: Bar, previous: Bar | undefined): boolean {
  return previous !== undefined && isFlatBar(bar) && bar.volume === 0
    && Math.abs(bar.close - previous.close) <= PLACEHOLDER_PRICE_TOLERANCE * previous.close;
}

/** Warning: placeholder bars carry no price information; a model must not learn a zero return from them. */
export function checkPlaceholderBars(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  sorted.forEach((bar, index) => {
    if (!isPlaceholderBar(bar, sorted[index - 1])) return;
    const detail = `placeholder bar at ${formatBarTime(series.interval, bar.ts)}: `
      + `O=H=L=C=${formatNumber(bar.close)} (the previous close), volume 0.`;
    findings.push(makeFinding(series, bar.ts, 'placeholder_bar', 'warning', detail, { close: bar.close }));
  });
  return findings;
}
