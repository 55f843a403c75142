import { describe, expect, it } from 'vitest';
import { sessionOpenClose } from '../../../pipeline/calendar/sessionOpenClose.ts';

const iso = (date: string) => {
  const { open, close } = sessionOpenClose(date);
  return [open.toISOString(), close.toISOString()];
};

describe('sessionOpenClose', () => {
  it('follows DST into summer time (second Sunday of March)', () => {
    expect(iso('2021-03-12')).toEqual(['2021-03-12T14:30:00.000Z', '2021-03-12T21:00:00.000Z']);
    expect(iso('2021-03-15')).toEqual(['2021-03-15T13:30:00.000Z', '2021-03-15T20:00:00.000Z']);
  });

  it('follows DST back to standard time (first Sunday of November)', () => {
    expect(iso('2021-11-05')).toEqual(['2021-11-05T13:30:00.000Z', '2021-11-05T20:00:00.000Z']);
    expect(iso('2021-11-08')).toEqual(['2021-11-08T14:30:00.000Z', '2021-11-08T21:00:00.000Z']);
  });

  it('uses the pre-2007 DST rules too (first Sunday of April, last Sunday of October)', () => {
    expect(iso('2006-03-31')[0]).toBe('2006-03-31T14:30:00.000Z');
    expect(iso('2006-04-03')[0]).toBe('2006-04-03T13:30:00.000Z');
    expect(iso('2006-10-27')[0]).toBe('2006-10-27T13:30:00.000Z');
    expect(iso('2006-10-30')[0]).toBe('2006-10-30T14:30:00.000Z');
  });

  it('closes at 13:00 ET on early-close days, in either season', () => {
    expect(iso('2021-11-26')).toEqual(['2021-11-26T14:30:00.000Z', '2021-11-26T18:00:00.000Z']);
    expect(iso('2019-07-03')[1]).toBe('2019-07-03T17:00:00.000Z');
    expect(iso('2020-12-24')[1]).toBe('2020-12-24T18:00:00.000Z');
    expect(iso('2002-07-05')[1]).toBe('2002-07-05T17:00:00.000Z');
    expect(iso('2002-07-03')[1]).toBe('2002-07-03T20:00:00.000Z');
  });

  it('refuses a non-session', () => {
    expect(() => sessionOpenClose('2021-12-24')).toThrow(/not an NYSE session/);
  });
});
