import { easterSunday } from './easterSunday.ts';
import { addDays, dayOfWeek, isoDate, lastWeekdayOfMonth, nthWeekdayOfMonth } from './isoDate.ts';

const MONDAY = 1;
const THURSDAY = 4;
const SATURDAY = 6;
const SUNDAY = 0;

/** NYSE observance: a holiday on a Saturday is observed the Friday before, one on a Sunday the Monday after. */
function observed(date: string): string {
  const day = dayOfWeek(date);
  if (day === SATURDAY) return addDays(date, -1);
  if (day === SUNDAY) return addDays(date, 1);
  return date;
}

/**
 * New Year's Day is the exception: on a Saturday it is not moved to the Friday before, because that Friday closes a
 * yearly accounting period.
 */
function newYearsDay(year: number): string | null {
  const date = isoDate(year, 1, 1);
  const day = dayOfWeek(date);
  if (day === SATURDAY) return null;
  return day === SUNDAY ? addDays(date, 1) : date;
}

/** NYSE's recurring full-day holidays of `year` (dates as observed), date → name. Special closures are separate. */
export function nyseHolidays(year: number): ReadonlyMap<string, string> {
  const holidays = new Map<string, string>();
  const add = (date: string | null, name: string) => {
    if (date !== null) holidays.set(date, name);
  };
  add(newYearsDay(year), "New Year's Day");
  add(nthWeekdayOfMonth(year, 1, MONDAY, 3), 'Martin Luther King Jr. Day');
  add(nthWeekdayOfMonth(year, 2, MONDAY, 3), "Washington's Birthday");
  add(addDays(easterSunday(year), -2), 'Good Friday');
  add(lastWeekdayOfMonth(year, 5, MONDAY), 'Memorial Day');
  // Juneteenth became a federal holiday in 2021 but NYSE first closed for it in 2022.
  if (year >= 2022) add(observed(isoDate(year, 6, 19)), 'Juneteenth');
  add(observed(isoDate(year, 7, 4)), 'Independence Day');
  add(nthWeekdayOfMonth(year, 9, MONDAY, 1), 'Labor Day');
  add(nthWeekdayOfMonth(year, 11, THURSDAY, 4), 'Thanksgiving Day');
  add(observed(isoDate(year, 12, 25)), 'Christmas Day');
  return holidays;
}
