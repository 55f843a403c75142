import { addDays, dayOfWeek, isoDate, nthWeekdayOfMonth } from './isoDate.ts';
import { isSession } from './isSession.ts';

const WEDNESDAY = 3;
const THURSDAY = 4;

/**
 * The session before Independence Day closes early, but before 2013 a Wednesday July 3 was a full day and the
 * Friday after (July 5) closed early instead.
 */
function independenceDayEarlyClose(year: number): string | null {
  const july3 = isoDate(year, 7, 3);
  if (year < 2013 && dayOfWeek(july3) === WEDNESDAY) return isoDate(year, 7, 5);
  return isSession(july3) ? july3 : null;
}

/** One-off 13:00 closes that no rule produces (NYSE history of closings). */
const ADHOC_EARLY_CLOSES: ReadonlyMap<string, string> = new Map([['2003-12-26', 'Day after Christmas']]);

/**
 * NYSE's 13:00 ET early closes of `year`, date → reason: the day before Independence Day, the day after Thanksgiving
 * and Christmas Eve, each only when it is a session (when the holiday itself is moved onto that day, it is closed).
 */
export function nyseEarlyCloses(year: number): ReadonlyMap<string, string> {
  const closes = new Map<string, string>();
  const july = independenceDayEarlyClose(year);
  if (july !== null) closes.set(july, 'Independence Day');
  const thanksgiving = nthWeekdayOfMonth(year, 11, THURSDAY, 4);
  closes.set(addDays(thanksgiving, 1), 'Day after Thanksgiving');
  const christmasEve = isoDate(year, 12, 24);
  if (isSession(christmasEve)) closes.set(christmasEve, 'Christmas Eve');
  for (const [date, reason] of ADHOC_EARLY_CLOSES) {
    if (date.startsWith(`${year}-`)) closes.set(date, reason);
  }
  return closes;
}
