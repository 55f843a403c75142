import { sessionDate } from '../../../core/bars.ts';
import type { Bar } from '../../../core/bars.ts';
import { nextSession } from '../../../pipeline/calendar/nextSession.ts';
import { sessionOpenClose } from '../../../pipeline/calendar/sessionOpenClose.ts';

/** A plausible daily bar: opens at the previous close, trades 1% around both ends. */
export function dailyBar(date: string, close: number, previousClose = close, volume = 1_000_000): Bar {
  return {
    ts: new Date(`${date}T00:00:00Z`),
    open: previousClose,
    high: Math.max(previousClose, close) * 1.01,
    low: Math.min(previousClose, close) * 0.99,
    close,
    adjClose: close,
    volume,
  };
}

/** Consecutive NYSE sessions from `first` (a session), one bar per close. */
export function dailySeries(first: string, closes: readonly number[]): Bar[] {
  const bars: Bar[] = [];
  let date = first;
  closes.forEach((close, index) => {
    bars.push(dailyBar(date, close, closes[index - 1] ?? close));
    date = nextSession(date);
  });
  return bars;
}

/** A deterministic random walk with ~1% daily moves (a seeded LCG, so every run sees the same path). */
export function randomWalkCloses(count: number, seed = 42, start = 100): number[] {
  let state = seed;
  const uniform = () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
  const closes = [start];
  while (closes.length < count) closes.push(closes.at(-1)! * Math.exp((uniform() + uniform() + uniform() - 1.5) * 0.02));
  return closes;
}

/** The open of the session after the last bar: when the series is exactly up to date. */
export function openOfSessionAfter(bars: readonly Bar[]): Date {
  return sessionOpenClose(nextSession(sessionDate(bars.at(-1)!.ts))).open;
}
