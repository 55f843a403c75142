import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { hasValidTime, hasValidValues, isWithinRange } from './barPredicates.ts';
import { formatBarTime, formatNumber } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/**
 * Blocking: open or close outside [low, high] (beyond rounding slack). Bars with bad values or high < low are
 * left to those checks, so each defect is reported once.
 */
export function checkOutsideRange(series: SeriesContext, bars: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  for (const bar of bars) {
    if (!hasValidValues(bar) || bar.high < bar.low) continue;
    const outside = (['open', 'close'] as const).filter((field) => !isWithinRange(bar[field], bar));
    if (outside.length === 0) continue;
    const values = outside.map((field) => `${field} ${formatNumber(bar[field])}`).join(' and ');
    const range = `[low ${formatNumber(bar.low)}, high ${formatNumber(bar.high)}]`;
    const detail = `${values} ${outside.length > 1 ? 'are' : 'is'} outside ${range} at ${formatBarTime(series.interval, bar.ts)}.`;
    const ts = hasValidTime(bar) ? bar.ts : null;
    findings.push(makeFinding(series, ts, 'outside_range', 'blocking', detail, { fields: outside }));
  }
  return findings;
}
