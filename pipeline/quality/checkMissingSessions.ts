import { sessionDate } from '../../core/bars.ts';
import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { clampToCalendarRange } from '../calendar/calendarRange.ts';
import { sessionsBetween } from '../calendar/sessionsBetween.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

function missingFinding(series: SeriesContext, date: string, before: string, after: string): Finding {
  const detail = `no bar for NYSE session ${date} (the bars around it are ${before} and ${after}).`;
  return makeFinding(series, new Date(`${date}T00:00:00Z`), 'missing_session', 'warning', detail, { date });
}

/**
 * Warning (daily bars): an NYSE session between the first and the last bar with no bar. Features and returns
 * would silently span two sessions there. Dates outside the calendar's 2000..2035 are not judged.
 */
export function checkMissingSessions(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  if (series.interval !== '1d' || sorted.length === 0) return [];
  const present = new Set(sorted.map((bar) => sessionDate(bar.ts)));
  const range = clampToCalendarRange(sessionDate(sorted[0]!.ts), sessionDate(sorted.at(-1)!.ts));
  if (range === null) return [];
  const findings: Finding[] = [];
  let lastPresent = range[0];
  let pending: string[] = [];
  for (const date of sessionsBetween(range[0], range[1])) {
    if (!present.has(date)) {
      pending.push(date);
      continue;
    }
    findings.push(...pending.map((missing) => missingFinding(series, missing, lastPresent, date)));
    pending = [];
    lastPresent = date;
  }
  // Only when the last bar is off the calendar (a weekend row, or past 2035) can sessions be left pending here.
  findings.push(...pending.map((missing) => missingFinding(series, missing, lastPresent, sessionDate(sorted.at(-1)!.ts))));
  return findings;
}
