import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { hasValidTime } from './barPredicates.ts';
import { formatBarTime, formatNumber } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/** What is wrong with each number of a bar, e.g. ["close is NaN", "volume is -5"]. */
function valueProblems(bar: Bar): string[] {
  const problems: string[] = [];
  const prices: [string, number | null][] = [
    ['open', bar.open], ['high', bar.high], ['low', bar.low], ['close', bar.close], ['adj_close', bar.adjClose],
  ];
  for (const [name, value] of prices) {
    if (value !== null && !(Number.isFinite(value) && value > 0)) problems.push(`${name} is ${formatNumber(value)}`);
  }
  if (!(Number.isFinite(bar.volume) && bar.volume >= 0)) problems.push(`volume is ${formatNumber(bar.volume)}`);
  if (!hasValidTime(bar)) problems.push('the timestamp is invalid');
  return problems;
}

/**
 * Blocking: a price that is not a finite positive number, a negative or non-finite volume, an invalid timestamp.
 * Any of these poisons returns and every indicator downstream.
 */
export function checkBadValues(series: SeriesContext, bars: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  for (const bar of bars) {
    const problems = valueProblems(bar);
    if (problems.length === 0) continue;
    const ts = hasValidTime(bar) ? bar.ts : null;
    const detail = `bad value at ${formatBarTime(series.interval, bar.ts)}: ${problems.join(', ')}.`;
    findings.push(makeFinding(series, ts, 'bad_value', 'blocking', detail, { problems }));
  }
  return findings;
}
