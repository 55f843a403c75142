import { isSession } from './isSession.ts';
import { newYorkInstant } from './newYorkTime.ts';
import { nyseEarlyCloses } from './nyseEarlyCloses.ts';

/** Regular NYSE hours in minutes after New York midnight: 09:30–16:00, or 09:30–13:00 on an early close. */
export const REGULAR_OPEN_MINUTE = 9 * 60 + 30;
export const REGULAR_CLOSE_MINUTE = 16 * 60;
export const EARLY_CLOSE_MINUTE = 13 * 60;

const earlyClosesByYear = new Map<number, ReadonlyMap<string, string>>();

/** Why `date` closes at 13:00 ET, or null on a full session (and on a non-session). */
export function earlyCloseReason(date: string): string | null {
  const year = Number(date.slice(0, 4));
  let closes = earlyClosesByYear.get(year);
  if (closes === undefined) {
    closes = nyseEarlyCloses(year);
    earlyClosesByYear.set(year, closes);
  }
  return closes.get(date) ?? null;
}

/** Minutes after New York midnight at which the session of `date` ends. */
export function closeMinute(date: string): number {
  return earlyCloseReason(date) === null ? REGULAR_CLOSE_MINUTE : EARLY_CLOSE_MINUTE;
}

/** The regular-hours open and close of the session on `date`, as instants. Throws a RangeError on a non-session. */
export function sessionOpenClose(date: string): { open: Date; close: Date } {
  if (!isSession(date)) throw new RangeError(`${date} is not an NYSE session`);
  return { open: newYorkInstant(date, REGULAR_OPEN_MINUTE), close: newYorkInstant(date, closeMinute(date)) };
}
