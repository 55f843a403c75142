import { describe, expect, it } from 'vitest';
import { nyseEarlyCloses } from '../../../pipeline/calendar/nyseEarlyCloses.ts';

describe('nyseEarlyCloses', () => {
  it.each([
    [2019, ['2019-07-03', '2019-11-29', '2019-12-24']],
    // July 3 is the observed Independence Day and December 24 a Thursday: only two.
    [2020, ['2020-11-27', '2020-12-24']],
    // Christmas Eve 2021 was the observed Christmas holiday itself.
    [2021, ['2021-11-26']],
    // Before 2013 a Wednesday July 3 was a full day and Friday July 5 closed early.
    [2002, ['2002-07-05', '2002-11-29', '2002-12-24']],
    [2003, ['2003-07-03', '2003-11-28', '2003-12-24', '2003-12-26']],
    [2013, ['2013-07-03', '2013-11-29', '2013-12-24']],
    [2026, ['2026-11-27', '2026-12-24']],
  ])('%i closes early on %j', (year, expected) => {
    expect([...nyseEarlyCloses(year).keys()].sort()).toEqual(expected);
  });
});
