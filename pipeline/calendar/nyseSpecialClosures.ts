/**
 * Unscheduled full-day NYSE closures from 2000 on (NYSE's own history of closings), date → reason. These are
 * the only weekday closures the recurring holiday rules cannot produce.
 */
export const NYSE_SPECIAL_CLOSURES: ReadonlyMap<string, string> = new Map([
  ['2001-09-11', 'September 11 attacks'],
  ['2001-09-12', 'September 11 attacks'],
  ['2001-09-13', 'September 11 attacks'],
  ['2001-09-14', 'September 11 attacks'],
  ['2004-06-11', 'National day of mourning for President Reagan'],
  ['2007-01-02', 'National day of mourning for President Ford'],
  ['2012-10-29', 'Hurricane Sandy'],
  ['2012-10-30', 'Hurricane Sandy'],
  ['2018-12-05', 'National day of mourning for President George H. W. Bush'],
  ['2025-01-09', 'National day of mourning for President Carter'],
]);
