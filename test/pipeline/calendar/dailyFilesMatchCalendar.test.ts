import { describe, expect, it } from 'vitest';
import { sessionDate } from '../../../core/bars.ts';
import { sessionsBetween } from '../../../pipeline/calendar/sessionsBetween.ts';
import { readDaily, dailyTickers } from '../../support/sharedData.ts';

// The calendar's proof: the README reports 0 missing sessions and 0 rows on closed days in every real daily file,
// so each file's dates must be exactly the calendar's sessions between its first and last row (2003..2026).
describe('NYSE calendar vs the real daily files', () => {
  const tickers = dailyTickers();

  it('finds all 11 files', () => {
    expect(tickers).toHaveLength(11);
  });

  it.each(tickers)('%s has a row for exactly every session', (ticker) => {
    const dates = readDaily(ticker).map((bar) => sessionDate(bar.ts));
    expect(dates).toEqual(sessionsBetween(dates[0]!, dates.at(-1)!));
  });
});
