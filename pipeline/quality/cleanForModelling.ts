import { sessionDate } from '../../core/bars.ts';
import type { Bar } from '../../core/bars.ts';
import type { Finding, FindingKind } from '../../core/quality.ts';
import { clampToCalendarRange, inCalendarRange } from '../calendar/calendarRange.ts';
import { sessionsBetween } from '../calendar/sessionsBetween.ts';
import { isSoundBar } from './barPredicates.ts';
import { sortUniqueBars } from './sortUniqueBars.ts';

/**
 * A daily bar on the session grid a model trains on. Every session between the first usable bar and the last bar
 * has exactly one row, so windows of N rows are N sessions; rows whose return is not real are kept in place but
 * marked, and training drops them as examples.
 */
export interface ModellingBar extends Bar {
  /** The values are made up: O=H=L=C = previous close, volume 0 (a missing session, or a bar whose values were unusable). */
  filled: boolean;
  /** Not a training example. */
  excluded: boolean;
  /** The finding kind behind `excluded`: missing_session, placeholder_bar, stale_bar, bad_value, ...; null when usable. */
  reason: FindingKind | null;
}

/** Kinds whose bar carries no real price information for its session. Outlier returns stay: they are mostly real news. */
const EXCLUDING_KINDS: ReadonlySet<FindingKind> = new Set([
  'bad_value', 'high_below_low', 'outside_range', 'placeholder_bar', 'stale_bar',
]);

function exclusionsByDate(findings: readonly Finding[]): Map<string, FindingKind> {
  const reasons = new Map<string, FindingKind>();
  for (const finding of findings) {
    if (finding.ts === null || !EXCLUDING_KINDS.has(finding.kind)) continue;
    const date = sessionDate(finding.ts);
    if (!reasons.has(date)) reasons.set(date, finding.kind);
  }
  return reasons;
}

/** The session grid from the first to the last bar, plus any bar dates the calendar cannot judge (before 2000, after 2035). */
function gridDates(bars: readonly Bar[]): string[] {
  const dates = bars.map((bar) => sessionDate(bar.ts));
  const range = clampToCalendarRange(dates[0]!, dates.at(-1)!);
  const sessions = range === null ? [] : sessionsBetween(range[0], range[1]);
  return [...new Set([...dates.filter((date) => !inCalendarRange(date)), ...sessions])].sort();
}

function forwardFill(date: string, previous: Bar): Bar {
  const price = previous.close;
  const ts = new Date(`${date}T00:00:00Z`);
  return { ts, open: price, high: price, low: price, close: price, adjClose: previous.adjClose, volume: 0 };
}

function toModellingBar(date: string, bar: Bar | undefined, previous: Bar, reason: FindingKind | undefined): ModellingBar {
  if (bar !== undefined && isSoundBar(bar)) {
    return { ...bar, filled: false, excluded: reason !== undefined, reason: reason ?? null };
  }
  const why = bar === undefined ? 'missing_session' : reason ?? 'bad_value';
  return { ...forwardFill(date, previous), filled: true, excluded: true, reason: why };
}

/**
 * Daily bars ready for features and training: sorted, one per session (of duplicates the last row wins), missing
 * sessions forward-filled, and bars the findings condemn marked `excluded` with the finding's kind as `reason`.
 * Bars with unusable numbers are replaced by a forward fill, so no NaN reaches a model. The grid starts at the first
 * usable bar (there is nothing to fill from before it); bars dated on a day NYSE was closed are left out.
 */
export function cleanForModelling(bars: readonly Bar[], findings: readonly Finding[]): ModellingBar[] {
  const sorted = sortUniqueBars(bars);
  const start = sorted.findIndex(isSoundBar);
  if (start < 0) return [];
  const kept = sorted.slice(start);
  const byDate = new Map(kept.map((bar) => [sessionDate(bar.ts), bar]));
  const reasons = exclusionsByDate(findings);
  const cleaned: ModellingBar[] = [];
  for (const date of gridDates(kept)) {
    cleaned.push(toModellingBar(date, byDate.get(date), cleaned.at(-1) ?? kept[0]!, reasons.get(date)));
  }
  return cleaned;
}
