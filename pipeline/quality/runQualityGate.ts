import type { Bar, Interval } from '../../core/bars.ts';
import { FINDING_KINDS } from '../../core/quality.ts';
import type { Finding } from '../../core/quality.ts';
import { isSoundBar } from './barPredicates.ts';
import { checkAdjDivergence } from './checkAdjDivergence.ts';
import { checkBadValues } from './checkBadValues.ts';
import { checkDuplicates } from './checkDuplicates.ts';
import { checkHighBelowLow } from './checkHighBelowLow.ts';
import { checkMissingBars } from './checkMissingBars.ts';
import { checkMissingSessions } from './checkMissingSessions.ts';
import { checkNonSessionBars } from './checkNonSessionBars.ts';
import { checkOutlierReturns } from './checkOutlierReturns.ts';
import { checkOutOfOrder } from './checkOutOfOrder.ts';
import { checkOutsideRange } from './checkOutsideRange.ts';
import { checkPlaceholderBars } from './checkPlaceholderBars.ts';
import { checkStaleBars } from './checkStaleBars.ts';
import { checkStaleSeries } from './checkStaleSeries.ts';
import { sortUniqueBars } from './sortUniqueBars.ts';

export interface QualityGateOptions {
  /** The moment the series is judged at; staleness depends on it. Passed in so the gate stays a pure function. */
  now: Date;
}

/** Whole-series findings first, then by time, then in FINDING_KINDS order: the order a person reads a report in. */
function byTimeThenKind(a: Finding, b: Finding): number {
  const time = (finding: Finding) => finding.ts?.getTime() ?? Number.NEGATIVE_INFINITY;
  return time(a) - time(b) || FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind);
}

/**
 * Every quality finding for one series. Pure: no I/O, no clock. Bars may come in any order, with duplicates and
 * broken values; the gate reports them and never throws for bad bars. Per-bar checks see the input as given;
 * series checks see it sorted and de-duplicated, and those about prices only see bars no blocking check rejects.
 */
export function runQualityGate(
  ticker: string, interval: Interval, bars: readonly Bar[], options: QualityGateOptions,
): Finding[] {
  if (Number.isNaN(options.now.getTime())) throw new RangeError('runQualityGate: `now` is an invalid date');
  const series = { ticker, interval };
  const sorted = sortUniqueBars(bars);
  const sound = sorted.filter(isSoundBar);
  const findings = [
    ...checkOutOfOrder(series, bars),
    ...checkDuplicates(series, bars),
    ...checkBadValues(series, bars),
    ...checkHighBelowLow(series, bars),
    ...checkOutsideRange(series, bars),
    ...checkPlaceholderBars(series, sound),
    ...checkStaleBars(series, sound),
    ...checkOutlierReturns(series, sound),
    ...checkAdjDivergence(series, sound),
    ...checkMissingSessions(series, sorted),
    ...checkNonSessionBars(series, sorted),
    ...checkMissingBars(series, sorted),
    ...checkStaleSeries(series, sorted, options.now),
  ];
  return findings.sort(byTimeThenKind);
}
