import { sessionDate } from '../../core/bars.ts';
import type { Interval } from '../../core/bars.ts';
import { newYorkWallClock } from '../calendar/newYorkTime.ts';

/** Numbers and times as people read them in a finding's `detail`: no float32 noise, exchange time for intraday. */

/** Up to 6 significant digits: 2.057499885559082 → "2.0575"; NaN and infinities as JavaScript spells them. */
export function formatNumber(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
}

/** A signed percentage with one decimal: 0.523 → "+52.3%". */
export function formatPercent(fraction: number): string {
  return `${fraction >= 0 ? '+' : ''}${formatUnsignedPercent(fraction)}`;
}

/** A percentage with one decimal and no sign for a magnitude: 0.0213 → "2.1%". */
export function formatUnsignedPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** A daily bar's session date, or an intraday bar's start as "2021-07-02 10:31 ET". */
export function formatBarTime(interval: Interval, ts: Date): string {
  if (Number.isNaN(ts.getTime())) return 'an invalid timestamp';
  if (interval === '1d') return sessionDate(ts);
  const { date, minuteOfDay } = newYorkWallClock(ts);
  return `${date} ${formatClock(minuteOfDay)} ET`;
}

/** Minutes after midnight as "HH:MM". */
export function formatClock(minuteOfDay: number): string {
  const hours = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  return `${hours}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
