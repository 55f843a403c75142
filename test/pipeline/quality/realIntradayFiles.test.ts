import { describe, expect, it } from 'vitest';
import type { Bar, Interval } from '../../../core/bars.ts';
import type { Finding } from '../../../core/quality.ts';
import { newYorkWallClock } from '../../../pipeline/calendar/newYorkTime.ts';
import { runQualityGate } from '../../../pipeline/quality/runQualityGate.ts';
import { readIntraday } from '../../support/sharedData.ts';

function gate(name: string, interval: Interval): { bars: Bar[]; findings: Finding[] } {
  const bars = readIntraday(name);
  // An hour after the last bar: the series is up to date.
  const now = new Date(bars.at(-1)!.ts.getTime() + 3_600_000);
  return { bars, findings: runQualityGate(name, interval, bars, { now }) };
}

const wallTimes = (findings: readonly Finding[]) => findings.map((finding) => {
  const { date, minuteOfDay } = newYorkWallClock(finding.ts!);
  return { date, minuteOfDay };
});

describe('quality gate on the real intraday files', () => {
  it('SPY_1min: exactly the 252 missing regular-hours minutes of the 30 full sessions, nothing else', () => {
    const { findings } = gate('SPY_1min.csv', '1m');
    const missing = findings.filter((finding) => finding.kind === 'missing_bar');
    expect(findings.filter((finding) => finding.kind !== 'missing_bar')).toEqual([]);
    expect(missing).toHaveLength(252);
    expect(missing.every((finding) => finding.severity === 'info')).toBe(true);
    const times = wallTimes(missing);
    // The first session starts at 12:56 and is partial: it is not judged.
    expect(times.some(({ date }) => date === '2021-07-01')).toBe(false);
    expect(times.every(({ minuteOfDay }) => minuteOfDay >= 9 * 60 + 30 && minuteOfDay < 16 * 60)).toBe(true);
    const perDay = new Map<string, number>();
    for (const { date } of times) perDay.set(date, (perDay.get(date) ?? 0) + 1);
    expect(Math.max(...perDay.values())).toBe(24);
  });

  it('SPY_1min: the missing minutes are exactly the regular-hours minutes without a bar', () => {
    const { bars, findings } = gate('SPY_1min.csv', '1m');
    const present = new Set(bars.map((bar) => bar.ts.getTime()));
    const missing = findings.filter((finding) => finding.kind === 'missing_bar');
    expect(missing.every((finding) => !present.has(finding.ts!.getTime()))).toBe(true);
    // 30 full sessions × 390 minutes, minus the 252 holes, is the count of regular-hours bars after the first day.
    const regular = bars.filter((bar) => {
      const { date, minuteOfDay } = newYorkWallClock(bar.ts);
      return date > '2021-07-01' && minuteOfDay >= 570 && minuteOfDay < 960;
    });
    expect(regular).toHaveLength(30 * 390 - 252);
  });

  it('AMZN_1min: exactly the 6 missing minutes (3 on 01-05, 1 on 01-06, 2 on 01-07)', () => {
    const { findings } = gate('AMZN_1min.csv', '1m');
    expect(findings.every((finding) => finding.kind === 'missing_bar')).toBe(true);
    const clock = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
    expect(wallTimes(findings).map(({ date, minuteOfDay }) => `${date} ${clock(minuteOfDay)}`)).toEqual([
      '2021-01-05 12:29', '2021-01-05 12:44', '2021-01-05 12:50', '2021-01-06 13:24', '2021-01-07 14:06', '2021-01-07 14:16',
    ]);
  });

  it('AMZN_1h: no finding at all (09:00..15:00 clock-hour bars, the 2021-11-26 half day included)', () => {
    expect(gate('AMZN_1h.csv', '1h').findings).toEqual([]);
  });
});
