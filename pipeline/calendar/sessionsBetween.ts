import { assertInCalendarRange } from './calendarRange.ts';
import { addDays } from './isoDate.ts';
import { isSession } from './isSession.ts';

/** Every NYSE session from `from` to `to`, both inclusive, oldest first; empty when `from` is after `to`. */
export function sessionsBetween(from: string, to: string): string[] {
  assertInCalendarRange(from);
  assertInCalendarRange(to);
  const sessions: string[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    if (isSession(date)) sessions.push(date);
  }
  return sessions;
}
