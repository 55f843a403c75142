import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { formatBarTime, formatNumber, formatPercent } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';
import { ADJ_RATIO_MAX_CHANGE } from './qualityThresholds.ts';

/**
 * Warning: adj_close/close is the cumulative dividend factor, so from one bar to the next it moves only by a
 * dividend yield (a few percent). A jump beyond ADJ_RATIO_MAX_CHANGE means one column was adjusted for a split or
 * spin-off and the other was not, and either prices or returns are wrong around that date.
 */
export function checkAdjDivergence(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  const findings: Finding[] = [];
  let previous: { bar: Bar; ratio: number } | null = null;
  for (const bar of sorted) {
    if (bar.adjClose === null) continue;
    const ratio = bar.adjClose / bar.close;
    const change = previous === null ? 0 : ratio / previous.ratio - 1;
    if (previous !== null && Math.abs(change) > ADJ_RATIO_MAX_CHANGE) {
      const when = (ts: Date) => formatBarTime(series.interval, ts);
      const detail = `adj_close/close moved from ${formatNumber(previous.ratio)} on ${when(previous.bar.ts)} `
        + `to ${formatNumber(ratio)} on ${when(bar.ts)} (${formatPercent(change)}): an unadjusted split or spin-off.`;
      const data = { from: previous.ratio, to: ratio, change };
      findings.push(makeFinding(series, bar.ts, 'adj_divergence', 'warning', detail, data));
    }
    previous = { bar, ratio };
  }
  return findings;
}
