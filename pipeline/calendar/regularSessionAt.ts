import { inCalendarRange } from './calendarRange.ts';
import { isSession } from './isSession.ts';
import { newYorkWallClock } from './newYorkTime.ts';
import { REGULAR_OPEN_MINUTE, closeMinute } from './sessionOpenClose.ts';

/**
 * The session whose regular hours overlap the bar starting at `start` and lasting `lengthMinutes`, or null for a
 * pre-/post-market or non-session bar. An hourly bar starting 09:00 overlaps the 09:30 open, so it belongs.
 */
export function regularSessionAt(start: Date, lengthMinutes: number): string | null {
  const { date, minuteOfDay } = newYorkWallClock(start);
  if (!inCalendarRange(date) || !isSession(date)) return null;
  const overlaps = minuteOfDay < closeMinute(date) && minuteOfDay + Math.max(lengthMinutes, 1) > REGULAR_OPEN_MINUTE;
  return overlaps ? date : null;
}
