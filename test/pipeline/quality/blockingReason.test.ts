import { describe, expect, it } from 'vitest';
import { blockingReason } from '../../../pipeline/quality/blockingReason.ts';
import { gateDaily } from './gateHelpers.ts';
import { dailySeries, randomWalkCloses } from './syntheticBars.ts';

describe('blockingReason', () => {
  it('is null when nothing blocks, warnings included', () => {
    const bars = dailySeries('2024-01-02', randomWalkCloses(40));
    bars.splice(15, 1);
    expect(blockingReason(gateDaily(bars))).toBeNull();
  });

  it('counts blocking findings per kind and quotes the first', () => {
    const bars = dailySeries('2024-01-02', randomWalkCloses(40));
    bars[3] = { ...bars[3]!, close: Number.NaN };
    bars[7] = { ...bars[7]!, volume: -1 };
    // Appended at the end, the repeated bar is both a duplicate and a step back in time.
    bars.push({ ...bars[20]! });
    expect(blockingReason(gateDaily(bars))).toBe('TEST 1d is unpublishable: 4 blocking findings '
      + '(2 bad_value, 1 duplicate, 1 out_of_order); first: bad value at 2024-01-05: close is NaN.');
  });
});
