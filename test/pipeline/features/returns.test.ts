import { describe, expect, it } from 'vitest';
import { logReturns, simpleReturns } from '../../../pipeline/features/returns.ts';

describe('simpleReturns / logReturns', () => {
  it('use adj_close, so a dividend (close drops, adj_close does not) is not a loss', () => {
    const bars = [
      { close: 100, adjClose: 98 },
      { close: 99, adjClose: 98 },
    ];
    expect(simpleReturns(bars)).toEqual([null, 0]);
    expect(logReturns(bars)).toEqual([null, 0]);
  });

  it('fall back to close for both bars when either lacks adj_close (intraday), never mixing the two', () => {
    const bars = [
      { close: 100, adjClose: 50 },
      { close: 110, adjClose: null },
      { close: 121, adjClose: null },
    ];
    expect(simpleReturns(bars)[1]).toBeCloseTo(0.1, 15);
    expect(logReturns(bars)[2]).toBeCloseTo(Math.log(1.1), 15);
  });

  it('are null where a price is zero instead of -1 / -Infinity / NaN', () => {
    const bars = [
      { close: 1, adjClose: null },
      { close: 0, adjClose: null },
      { close: 2, adjClose: null },
    ];
    expect(simpleReturns(bars)).toEqual([null, null, null]);
    expect(logReturns(bars)).toEqual([null, null, null]);
  });
});
