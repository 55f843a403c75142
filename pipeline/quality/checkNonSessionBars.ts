import { sessionDate } from '../../core/bars.ts';
import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { inCalendarRange } from '../calendar/calendarRange.ts';
import { closureReason } from '../calendar/index.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/**
 * Warning (daily bars): a bar dated on a day NYSE was closed. It almost always means the source shifted its dates
 * by a time zone (a bar stamped at the open, read in UTC+X), which misaligns every return after it.
 * `cleanForModelling` drops such bars. Dates outside the calendar's 2000..2035 are not judged.
 */
export function checkNonSessionBars(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  if (series.interval !== '1d') return [];
  const findings: Finding[] = [];
  for (const bar of sorted) {
    const date = sessionDate(bar.ts);
    if (!inCalendarRange(date)) continue;
    const reason = closureReason(date);
    if (reason === null) continue;
    findings.push(makeFinding(series, bar.ts, 'non_session_bar', 'warning',
      `bar dated ${date}, when NYSE was closed (${reason}); the source's dates may be shifted by a time zone.`, { date, reason }));
  }
  return findings;
}
