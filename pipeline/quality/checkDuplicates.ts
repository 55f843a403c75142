import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { hasValidTime, sameOhlcv } from './barPredicates.ts';
import { formatBarTime, formatNumber } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

function groupByTime(bars: readonly Bar[]): Map<number, Bar[]> {
  const groups = new Map<number, Bar[]>();
  for (const bar of bars.filter(hasValidTime)) {
    const group = groups.get(bar.ts.getTime());
    if (group === undefined) groups.set(bar.ts.getTime(), [bar]);
    else group.push(bar);
  }
  return groups;
}

/** Blocking: two or more bars with the same timestamp; which one is right cannot be decided automatically. */
export function checkDuplicates(series: SeriesContext, bars: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  for (const group of groupByTime(bars).values()) {
    if (group.length < 2) continue;
    const first = group[0]!;
    const identical = group.every((bar) => sameOhlcv(bar, first) && bar.adjClose === first.adjClose);
    const values = identical ? 'identical values' : `closes ${group.map((bar) => formatNumber(bar.close)).join(', ')}`;
    const detail = `${group.length} bars share ${formatBarTime(series.interval, first.ts)} (${values}).`;
    findings.push(makeFinding(series, first.ts, 'duplicate', 'blocking', detail, { count: group.length, identical }));
  }
  return findings;
}
