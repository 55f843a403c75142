/**
 * Calendar dates as `YYYY-MM-DD` strings. Arithmetic goes through UTC midnight, where every day is 24 hours
 * long, so no time zone or DST can shift a date.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

/** Milliseconds of UTC midnight of `date`; throws a RangeError for anything but a real `YYYY-MM-DD` date. */
export function isoDateToUtcMs(date: string): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`'${date}' is not a YYYY-MM-DD date`);
  }
  return ms;
}

/** The UTC calendar date of an instant. */
export function utcMsToIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of a year, month (1-12) and day. */
export function isoDate(year: number, month: number, day: number): string {
  return utcMsToIsoDate(Date.UTC(year, month - 1, day));
}

export function addDays(date: string, days: number): string {
  return utcMsToIsoDate(isoDateToUtcMs(date) + days * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(isoDateToUtcMs(date)).getUTCDay();
}

export function isWeekend(date: string): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** The `n`th (1-based) `weekday` (0 = Sunday) of a month (1-12): "the third Monday of January". */
export function nthWeekdayOfMonth(year: number, month: number, weekday: number, n: number): string {
  const first = isoDate(year, month, 1);
  const offset = (weekday - dayOfWeek(first) + 7) % 7;
  return addDays(first, offset + 7 * (n - 1));
}

/** The last `weekday` of a month: "the last Monday of May". */
export function lastWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const last = isoDate(year, month + 1, 0);
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}
