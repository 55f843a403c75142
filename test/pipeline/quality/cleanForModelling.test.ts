import { describe, expect, it } from 'vitest';
import { sessionDate } from '../../../core/bars.ts';
import { sessionsBetween } from '../../../pipeline/calendar/sessionsBetween.ts';
import { cleanForModelling } from '../../../pipeline/quality/cleanForModelling.ts';
import { runQualityGate } from '../../../pipeline/quality/runQualityGate.ts';
import { gateDaily } from './gateHelpers.ts';
import { readDaily } from '../../support/sharedData.ts';
import { dailySeries, openOfSessionAfter, randomWalkCloses } from './syntheticBars.ts';

describe('cleanForModelling', () => {
  it('forward-fills a removed session and marks it filled and excluded', () => {
    const bars = dailySeries('2024-01-02', randomWalkCloses(40));
    const removed = bars.splice(15, 1)[0]!;
    const cleaned = cleanForModelling(bars, gateDaily(bars));
    expect(cleaned).toHaveLength(40);
    const fill = cleaned[15]!;
    const previousClose = bars[14]!.close;
    expect(sessionDate(fill.ts)).toBe(sessionDate(removed.ts));
    expect(fill).toMatchObject({
      open: previousClose, high: previousClose, low: previousClose, close: previousClose, adjClose: bars[14]!.adjClose,
      volume: 0, filled: true, excluded: true, reason: 'missing_session',
    });
    expect(cleaned.filter((bar) => bar.filled)).toHaveLength(1);
    expect(cleaned[16]).toMatchObject({ ...bars[15], filled: false, excluded: false, reason: null });
  });

  it('sorts, keeps the last of duplicates, and replaces an unusable bar by a fill', () => {
    const bars = dailySeries('2024-01-02', randomWalkCloses(20));
    const revised = { ...bars[5]!, volume: 42 };
    const broken = { ...bars[8]!, close: Number.NaN };
    const input = [...bars.slice(10).reverse(), ...bars.slice(0, 8), broken, bars[9]!, revised];
    const cleaned = cleanForModelling(input, gateDaily(input));
    expect(cleaned.map((bar) => sessionDate(bar.ts))).toEqual(bars.map((bar) => sessionDate(bar.ts)));
    expect(cleaned[5]!.volume).toBe(42);
    expect(cleaned[8]).toMatchObject({ close: bars[7]!.close, filled: true, excluded: true, reason: 'bad_value' });
    expect(cleaned.every((bar) => Number.isFinite(bar.close))).toBe(true);
  });

  it('keeps the AMD placeholder in place but excludes it from training', () => {
    const bars = readDaily('AMD');
    const findings = runQualityGate('AMD', '1d', bars, { now: openOfSessionAfter(bars) });
    const cleaned = cleanForModelling(bars, findings);
    const dates = cleaned.map((bar) => sessionDate(bar.ts));
    expect(dates).toEqual(sessionsBetween('2006-06-13', '2026-06-12'));
    const excluded = cleaned.filter((bar) => bar.excluded);
    expect(excluded.map((bar) => [sessionDate(bar.ts), bar.reason, bar.filled])).toEqual([['2015-01-02', 'placeholder_bar', false]]);
    expect(excluded[0]!.close).toBeCloseTo(2.67, 6);
  });
});
