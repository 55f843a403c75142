/**
 * The years this calendar vouches for. Before 2000 the holiday set differed (no MLK Day closure before 1998, other
 * special closures); after 2035 NYSE may add holidays nobody knows of yet. Outside the range we refuse rather than guess.
 */
export const CALENDAR_FIRST_DATE = '2000-01-01';
export const CALENDAR_LAST_DATE = '2035-12-31';

export function inCalendarRange(date: string): boolean {
  return date >= CALENDAR_FIRST_DATE && date <= CALENDAR_LAST_DATE;
}

export function assertInCalendarRange(date: string): void {
  if (!inCalendarRange(date)) {
    throw new RangeError(`${date} is outside the NYSE calendar's range ${CALENDAR_FIRST_DATE}..${CALENDAR_LAST_DATE}`);
  }
}

/** The part of [from, to] the calendar covers, or null when none of it is. */
export function clampToCalendarRange(from: string, to: string): [string, string] | null {
  const start = from < CALENDAR_FIRST_DATE ? CALENDAR_FIRST_DATE : from;
  const end = to > CALENDAR_LAST_DATE ? CALENDAR_LAST_DATE : to;
  return start <= end ? [start, end] : null;
}
