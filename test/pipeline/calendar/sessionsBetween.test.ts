import { describe, expect, it } from 'vitest';
import { nextSession } from '../../../pipeline/calendar/nextSession.ts';
import { previousSession } from '../../../pipeline/calendar/previousSession.ts';
import { sessionsBetween } from '../../../pipeline/calendar/sessionsBetween.ts';

describe('sessionsBetween', () => {
  it('includes both ends and skips closures', () => {
    expect(sessionsBetween('2012-10-26', '2012-11-01')).toEqual(['2012-10-26', '2012-10-31', '2012-11-01']);
  });

  it('is empty when from is after to', () => {
    expect(sessionsBetween('2024-01-05', '2024-01-04')).toEqual([]);
  });

  it.each([[2019, 252], [2020, 253], [2021, 252], [2022, 251], [2023, 250]])('%i has %i sessions', (year, count) => {
    expect(sessionsBetween(`${year}-01-01`, `${year}-12-31`)).toHaveLength(count);
  });
});

describe('previousSession and nextSession', () => {
  it('step over weekends and holidays, strictly before or after', () => {
    expect(previousSession('2024-01-02')).toBe('2023-12-29');
    expect(nextSession('2023-12-29')).toBe('2024-01-02');
    expect(nextSession('2001-09-10')).toBe('2001-09-17');
    expect(previousSession('2001-09-17')).toBe('2001-09-10');
    expect(nextSession('2024-06-15')).toBe('2024-06-17');
  });
});
