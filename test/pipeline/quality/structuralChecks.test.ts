import { describe, expect, it } from 'vitest';
import { gateDaily, ofKind, summary } from './gateHelpers.ts';
import { dailySeries, randomWalkCloses } from './syntheticBars.ts';

const base = () => dailySeries('2024-01-02', randomWalkCloses(40));

describe('duplicate', () => {
  it('reports identical repeated rows once per timestamp, as blocking', () => {
    const bars = base();
    bars.splice(11, 0, { ...bars[10]! });
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual([`duplicate@2024-01-17/blocking`]);
    expect(findings[0]!.detail).toBe('2 bars share 2024-01-17 (identical values).');
  });

  it('names the conflicting closes', () => {
    const bars = base();
    bars.push({ ...bars[10]!, close: 123.5, high: 130 });
    const [finding] = ofKind(gateDaily(bars), 'duplicate');
    expect(finding!.detail).toContain(', 123.5');
    expect(finding!.data).toMatchObject({ count: 2, identical: false });
  });
});

describe('out_of_order', () => {
  it('reports each step back in time, as blocking, and nothing else', () => {
    const bars = base();
    [bars[10], bars[11]] = [bars[11]!, bars[10]!];
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['out_of_order@2024-01-17/blocking']);
    expect(findings[0]!.detail).toContain('(row 12) comes after 2024-01-18');
  });
});

describe('bad_value', () => {
  it.each([
    ['a NaN close', { close: Number.NaN }, 'close is NaN'],
    ['a zero open', { open: 0 }, 'open is 0'],
    ['an infinite high', { high: Number.POSITIVE_INFINITY }, 'high is Infinity'],
    ['a negative adj_close', { adjClose: -1 }, 'adj_close is -1'],
    ['a negative volume', { volume: -5 }, 'volume is -5'],
  ])('blocks %s and reports it only once', (_name, change, text) => {
    const bars = base();
    bars[20] = { ...bars[20]!, ...change };
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['bad_value@2024-01-31/blocking']);
    expect(findings[0]!.detail).toContain(text);
  });

  it('reports an invalid timestamp without throwing', () => {
    const bars = base();
    bars[5] = { ...bars[5]!, ts: new Date(Number.NaN) };
    const findings = gateDaily(bars);
    expect(ofKind(findings, 'bad_value').map((finding) => finding.ts)).toEqual([null]);
    expect(ofKind(findings, 'bad_value')[0]!.detail).toContain('the timestamp is invalid');
    // Its session is then missing from the series, which is a warning of its own.
    expect(summary(ofKind(findings, 'missing_session'))).toEqual(['missing_session@2024-01-09/warning']);
  });
});

describe('high_below_low and outside_range', () => {
  it('blocks a bar with high below low, without also calling it outside the range', () => {
    const bars = base();
    const bar = bars[20]!;
    bars[20] = { ...bar, high: bar.low, low: bar.high };
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['high_below_low@2024-01-31/blocking']);
  });

  it('blocks an open above the high', () => {
    const bars = base();
    bars[20] = { ...bars[20]!, open: bars[20]!.high * 1.05 };
    const findings = gateDaily(bars);
    expect(summary(findings)).toEqual(['outside_range@2024-01-31/blocking']);
    expect(findings[0]!.detail).toMatch(/^open [\d.]+ is outside \[low [\d.]+, high [\d.]+\] at 2024-01-31\.$/);
  });

  it('blocks a close below the low but forgives float rounding', () => {
    const bars = base();
    bars[20] = { ...bars[20]!, close: bars[20]!.low * 0.97 };
    bars[25] = { ...bars[25]!, close: bars[25]!.high * (1 + 1e-8) };
    expect(summary(ofKind(gateDaily(bars), 'outside_range'))).toEqual(['outside_range@2024-01-31/blocking']);
  });
});

describe('a messy input', () => {
  it('is reported in full, never thrown', () => {
    const bars = base();
    bars.reverse();
    bars.push({ ...bars[0]!, close: Number.NaN });
    const findings = gateDaily(bars);
    expect(ofKind(findings, 'out_of_order')).toHaveLength(39);
    expect(ofKind(findings, 'duplicate')).toHaveLength(1);
    expect(ofKind(findings, 'bad_value')).toHaveLength(1);
  });
});
