import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { hasValidTime } from './barPredicates.ts';
import { formatBarTime } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/**
 * Blocking: every step back in time in the input order. A source that returns bars unsorted may also have cut or
 * merged them wrongly, so the load is not trusted until someone looks.
 */
export function checkOutOfOrder(series: SeriesContext, bars: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  let previous: Bar | null = null;
  bars.forEach((bar, index) => {
    if (!hasValidTime(bar)) return;
    if (previous !== null && bar.ts.getTime() < previous.ts.getTime()) {
      const detail = `bar ${formatBarTime(series.interval, bar.ts)} (row ${index + 1}) comes after `
        + `${formatBarTime(series.interval, previous.ts)} in the input: the series is not in time order.`;
      findings.push(makeFinding(series, bar.ts, 'out_of_order', 'blocking', detail, { row: index + 1 }));
    }
    previous = bar;
  });
  return findings;
}
