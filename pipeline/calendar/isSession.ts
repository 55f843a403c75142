import { assertInCalendarRange } from './calendarRange.ts';
import { isWeekend } from './isoDate.ts';
import { nyseHolidays } from './nyseHolidays.ts';
import { NYSE_SPECIAL_CLOSURES } from './nyseSpecialClosures.ts';

// Holiday rules are computed once per year: the quality gate asks about thousands of dates per series.
const holidaysByYear = new Map<number, ReadonlyMap<string, string>>();

function holidaysOf(year: number): ReadonlyMap<string, string> {
  let holidays = holidaysByYear.get(year);
  if (holidays === undefined) {
    holidays = nyseHolidays(year);
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

/** Why NYSE is closed on `date` ("weekend", a holiday's name, a special closure's reason), or null on a session. */
export function closureReason(date: string): string | null {
  assertInCalendarRange(date);
  if (isWeekend(date)) return 'weekend';
  return holidaysOf(Number(date.slice(0, 4))).get(date) ?? NYSE_SPECIAL_CLOSURES.get(date) ?? null;
}

/** Whether NYSE holds a regular trading session on `date` (`YYYY-MM-DD`). Throws a RangeError outside 2000..2035. */
export function isSession(date: string): boolean {
  return closureReason(date) === null;
}
