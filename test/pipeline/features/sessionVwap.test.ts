import { describe, expect, it } from 'vitest';
import { newYorkDates } from '../../../pipeline/features/newYorkDates.ts';
import { sessionVwap } from '../../../pipeline/features/sessionVwap.ts';

const bar = (high: number, low: number, close: number, volume: number) => ({ high, low, close, volume });

describe('newYorkDates', () => {
  it('gives the New York calendar date across both UTC offsets', () => {
    const stamps = ['2021-01-05T04:59:00Z', '2021-01-05T05:00:00Z', '2021-07-01T03:59:00Z', '2021-07-01T04:00:00Z'];
    expect(newYorkDates(stamps.map((s) => new Date(s)))).toEqual(['2021-01-04', '2021-01-05', '2021-06-30', '2021-07-01']);
  });
});

describe('sessionVwap', () => {
  it('accumulates typical price × volume within a session and restarts at the next', () => {
    const bars = [bar(3, 1, 2, 10), bar(6, 3, 3, 30), bar(9, 9, 9, 5)];
    expect(sessionVwap(bars, ['d1', 'd1', 'd2'])).toEqual([2, (2 * 10 + 4 * 30) / 40, 9]);
  });

  it('is null until the session has traded, instead of 0/0', () => {
    expect(sessionVwap([bar(2, 2, 2, 0), bar(4, 4, 4, 1)], ['d', 'd'])).toEqual([null, 4]);
  });
});
