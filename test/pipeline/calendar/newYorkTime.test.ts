import { describe, expect, it } from 'vitest';
import { newYorkInstant, newYorkOffsetMinutes, newYorkWallClock } from '../../../pipeline/calendar/newYorkTime.ts';

describe('newYorkOffsetMinutes', () => {
  it('changes at 02:00 local on the DST Sundays', () => {
    expect(newYorkOffsetMinutes(new Date('2021-03-14T06:59:59Z'))).toBe(-300);
    expect(newYorkOffsetMinutes(new Date('2021-03-14T07:00:00Z'))).toBe(-240);
    expect(newYorkOffsetMinutes(new Date('2021-11-07T05:59:59Z'))).toBe(-240);
    expect(newYorkOffsetMinutes(new Date('2021-11-07T06:00:00Z'))).toBe(-300);
  });
});

describe('newYorkWallClock and newYorkInstant', () => {
  it('convert both ways across the offsets', () => {
    expect(newYorkWallClock(new Date('2021-07-01T16:56:00Z'))).toEqual({ date: '2021-07-01', minuteOfDay: 12 * 60 + 56 });
    expect(newYorkWallClock(new Date('2021-01-01T00:01:00Z'))).toEqual({ date: '2020-12-31', minuteOfDay: 19 * 60 + 1 });
    expect(newYorkInstant('2021-03-14', 3 * 60).toISOString()).toBe('2021-03-14T07:00:00.000Z');
    expect(newYorkInstant('2021-03-13', 3 * 60).toISOString()).toBe('2021-03-13T08:00:00.000Z');
  });
});
