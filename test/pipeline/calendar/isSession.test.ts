import { describe, expect, it } from 'vitest';
import { addDays, isWeekend } from '../../../pipeline/calendar/isoDate.ts';
import { closureReason, isSession } from '../../../pipeline/calendar/isSession.ts';

/** Weekdays of `year` on which NYSE is closed. */
function weekdayClosures(year: number): string[] {
  const closed: string[] = [];
  for (let date = `${year}-01-01`; date <= `${year}-12-31`; date = addDays(date, 1)) {
    if (!isWeekend(date) && !isSession(date)) closed.push(date);
  }
  return closed;
}

describe('isSession', () => {
  // NYSE's published holiday lists for these years.
  it.each([
    [2021, ['2021-01-01', '2021-01-18', '2021-02-15', '2021-04-02', '2021-05-31', '2021-07-05', '2021-09-06', '2021-11-25', '2021-12-24']],
    [2022, ['2022-01-17', '2022-02-21', '2022-04-15', '2022-05-30', '2022-06-20', '2022-07-04', '2022-09-05', '2022-11-24', '2022-12-26']],
    [2023, ['2023-01-02', '2023-01-16', '2023-02-20', '2023-04-07', '2023-05-29', '2023-06-19', '2023-07-04', '2023-09-04', '2023-11-23', '2023-12-25']],
    [2027, ['2027-01-01', '2027-01-18', '2027-02-15', '2027-03-26', '2027-05-31', '2027-06-18', '2027-07-05', '2027-09-06', '2027-11-25', '2027-12-24']],
    [2001, ['2001-01-01', '2001-01-15', '2001-02-19', '2001-04-13', '2001-05-28', '2001-07-04', '2001-09-03',
      '2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', '2001-11-22', '2001-12-25']],
  ])('closes on exactly the published weekdays of %i', (year, expected) => {
    expect(weekdayClosures(year)).toEqual(expected);
  });

  it("does not move a Saturday New Year's Day to the Friday before", () => {
    expect(isSession('2021-12-31')).toBe(true);
    expect(isSession('2010-12-31')).toBe(true);
    expect(closureReason('2017-01-02')).toBe("New Year's Day");
  });

  it('observes Juneteenth only from 2022', () => {
    expect(isSession('2021-06-18')).toBe(true);
    expect(closureReason('2022-06-20')).toBe('Juneteenth');
    expect(closureReason('2027-06-18')).toBe('Juneteenth');
  });

  it('moves Saturday holidays to Friday and Sunday ones to Monday', () => {
    expect(closureReason('2020-07-03')).toBe('Independence Day');
    expect(closureReason('2021-07-05')).toBe('Independence Day');
    expect(closureReason('2021-12-24')).toBe('Christmas Day');
    expect(closureReason('2022-12-26')).toBe('Christmas Day');
  });

  it('knows the special closures', () => {
    for (const date of ['2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect(isSession(date), date).toBe(false);
    }
    expect(isSession('2001-09-17')).toBe(true);
  });

  it('closes on weekends and opens on ordinary weekdays', () => {
    expect(closureReason('2024-06-15')).toBe('weekend');
    expect(isSession('2024-06-14')).toBe(true);
  });

  it('refuses dates outside 2000..2035 and malformed dates', () => {
    expect(() => isSession('1999-12-31')).toThrow(RangeError);
    expect(() => isSession('2036-01-02')).toThrow(RangeError);
    expect(() => isSession('2024-02-30')).toThrow(RangeError);
    expect(() => isSession('2024-2-3')).toThrow(RangeError);
  });
});
