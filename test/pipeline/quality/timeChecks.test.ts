import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/bars.ts';
import { sessionOpenClose } from '../../../pipeline/calendar/sessionOpenClose.ts';
import { sessionSlots } from '../../../pipeline/calendar/sessionSlots.ts';
import { gateDaily, gateIntraday, ofKind, summary } from './gateHelpers.ts';
import { dailySeries, randomWalkCloses } from './syntheticBars.ts';

/** One bar per slot of the given sessions' regular hours, at a constant 100 with some volume. */
function intradayBars(dates: readonly string[], stepMinutes: number): Bar[] {
  return dates.flatMap((date) => sessionSlots(date, stepMinutes)).map((ts, index) => ({
    ts, open: 100, high: 100.2, low: 99.8, close: 100 + (index % 3) * 0.1, adjClose: null, volume: 1_000 + index,
  }));
}

const afterClose = (date: string) => new Date(sessionOpenClose(date).close.getTime() + 60_000);

describe('missing_bar', () => {
  it('expects 1-minute bars only until 13:00 on an early close', () => {
    const bars = intradayBars(['2021-11-24', '2021-11-26', '2021-11-29'], 1);
    expect(gateIntraday('1m', bars, afterClose('2021-11-29'))).toEqual([]);
  });

  it('reports a missing minute as info, at the slot it belongs to', () => {
    const bars = intradayBars(['2021-11-24', '2021-11-26', '2021-11-29'], 1);
    const gap = bars.findIndex((bar) => bar.ts.toISOString() === '2021-11-26T16:15:00.000Z');
    bars.splice(gap, 1);
    const findings = gateIntraday('1m', bars, afterClose('2021-11-29'));
    expect(findings.map((finding) => [finding.kind, finding.severity, finding.ts!.toISOString()])).toEqual([
      ['missing_bar', 'info', '2021-11-26T16:15:00.000Z'],
    ]);
    expect(findings[0]!.detail).toBe('no 1m bar for 2021-11-26 11:15 ET in regular hours: no trade in that interval, or a gap in the feed.');
  });

  it('lays 5-minute and hourly bars on their clock grid', () => {
    const dates = ['2021-11-24', '2021-11-26', '2021-11-29'];
    expect(gateIntraday('5m', intradayBars(dates, 5), afterClose('2021-11-29'))).toEqual([]);
    const hourly = intradayBars(dates, 60).filter((bar) => bar.ts.toISOString() !== '2021-11-29T14:00:00.000Z');
    expect(summary(gateIntraday('1h', hourly, afterClose('2021-11-29')))).toEqual(['missing_bar@2021-11-29/info']);
  });

  it('turns a full session without any bar into one missing_session warning', () => {
    const bars = intradayBars(['2021-11-23', '2021-11-29'], 1);
    const findings = gateIntraday('1m', bars, afterClose('2021-11-29'));
    expect(findings.map((finding) => `${finding.kind}/${finding.severity}`)).toEqual(['missing_session/warning', 'missing_session/warning']);
    expect(findings.map((finding) => finding.data?.date)).toEqual(['2021-11-24', '2021-11-26']);
    expect(findings[1]!.detail).toContain('(210 expected)');
  });

  it('does not judge a session the series starts in the middle of', () => {
    const bars = intradayBars(['2021-11-24', '2021-11-26'], 1).slice(100);
    expect(gateIntraday('1m', bars, afterClose('2021-11-26'))).toEqual([]);
  });
});

describe('stale_series', () => {
  const bars = dailySeries('2024-01-02', randomWalkCloses(40));

  it('is quiet the morning after the last session', () => {
    expect(gateDaily(bars, new Date('2024-02-29T14:00:00Z'))).toEqual([]);
  });

  it('allows the publication delay after the close', () => {
    // 2024-02-29 closes at 21:00 UTC; its bar is not due until six hours later.
    expect(gateDaily(bars, new Date('2024-03-01T02:59:00Z'))).toEqual([]);
    expect(summary(gateDaily(bars, new Date('2024-03-01T03:01:00Z')))).toEqual(['stale_series@series/warning']);
  });

  it('warns with the number of sessions behind when now is far ahead', () => {
    const [finding] = gateDaily(bars, new Date('2024-06-03T12:00:00Z'));
    expect(finding).toMatchObject({ kind: 'stale_series', severity: 'warning', ts: null });
    expect(finding!.detail).toBe('the newest bar is 2024-02-28 but session 2024-05-31 should be published by now: 65 session(s) behind.');
  });

  it('warns about an intraday feed that stopped during an open session', () => {
    const minutes = intradayBars(['2021-11-24'], 1).slice(0, 60);
    const now = new Date('2021-11-24T16:30:00Z');
    const [finding] = ofKind(gateIntraday('1m', minutes, now), 'stale_series');
    expect(finding!.detail).toBe('the newest bar is 2021-11-24 10:29 ET, 61 minutes ago, while the session is open (allowed: 30 minutes).');
    // 21 minutes without a bar is within the allowed lag.
    expect(ofKind(gateIntraday('1m', minutes, new Date('2021-11-24T15:50:00Z')), 'stale_series')).toEqual([]);
  });

  it('calls a series without bars stale', () => {
    expect(summary(gateDaily([], new Date('2024-06-03T12:00:00Z')))).toEqual(['stale_series@series/warning']);
  });
});

describe('non_session_bar', () => {
  it('warns about a daily bar dated on a weekend or holiday, naming the closure', () => {
    const bars = dailySeries('2024-06-17', randomWalkCloses(5));
    // Shift one bar onto Juneteenth 2024 (a Wednesday, NYSE closed), as a time-zone-shifted source would.
    const shifted = bars.map((bar) => (bar.ts.toISOString().startsWith('2024-06-20') ? { ...bar, ts: new Date('2024-06-19T00:00:00Z') } : bar));
    const findings = ofKind(gateDaily(shifted), 'non_session_bar');
    expect(findings.map((f) => [f.ts!.toISOString().slice(0, 10), f.severity])).toEqual([['2024-06-19', 'warning']]);
    expect(findings[0]!.detail).toMatch(/Juneteenth/);
  });

  it('is quiet on a clean series', () => {
    expect(ofKind(gateDaily(dailySeries('2024-06-17', randomWalkCloses(30))), 'non_session_bar')).toEqual([]);
  });
});
