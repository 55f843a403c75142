import { describe, expect, it } from 'vitest';
import { atr, trueRange } from '../../../pipeline/features/atr.ts';

const bar = (high: number, low: number, close: number) => ({ high, low, close });

describe('trueRange / atr', () => {
  it('sees gaps through the previous close, and has no value at the first bar', () => {
    expect(trueRange([bar(11, 9, 10), bar(13, 12, 12.5), bar(12, 8, 9), bar(10, 9.5, 9.8)])).toEqual([null, 3, 4.5, 1]);
  });

  it('starts at index period with the mean of true ranges 1..period, then Wilder smoothing', () => {
    const bars = [bar(11, 9, 10), bar(13, 12, 12.5), bar(12, 8, 9), bar(10, 9.5, 9.8)];
    expect(atr(bars, 2)).toEqual([null, null, 3.75, (3.75 + 1) / 2]);
  });
});
