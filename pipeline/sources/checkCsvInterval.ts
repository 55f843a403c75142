import type { Bar, Interval } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';
import type { ParsedCsv } from './parseBarsCsv.ts';

const MINUTE = 60_000;
/**
 * The median spacing an intraday interval may show: at least the interval (finer bars mean the name is wrong), and
 * below the next coarser interval, so that illiquid series with minutes missing still pass.
 */
const MEDIAN_SPACING_MS: Readonly<Record<Exclude<Interval, '1d'>, [number, number]>> = {
  '1m': [MINUTE, 5 * MINUTE],
  '5m': [5 * MINUTE, 60 * MINUTE],
  '1h': [60 * MINUTE, 24 * 60 * MINUTE],
};

/** Refuse a file whose content contradicts the interval its name claims (say an hourly file named `_1min`). */
export function checkCsvInterval(parsed: ParsedCsv, interval: Interval, file: string): void {
  const daily = interval === '1d';
  if (daily !== (parsed.kind === 'daily')) {
    const header = parsed.kind === 'daily' ? 'a date column (daily bars)' : 'a timestamp column (intraday bars)';
    throw new UserError('csv_interval_mismatch', `${file}: the name says ${interval} bars but the header has ${header}`);
  }
  if (interval === '1d') return;
  const median = medianSpacingMs(parsed.bars);
  const [low, high] = MEDIAN_SPACING_MS[interval];
  if (median !== null && (median < low || median >= high)) {
    throw new UserError('csv_interval_mismatch', `${file}: the name says ${interval} bars but the bars are ${formatMinutes(median)} apart (median)`);
  }
}

/** Median gap between consecutive bars in time order; null with fewer than two bars. */
export function medianSpacingMs(bars: readonly Bar[]): number | null {
  const times = bars.map((bar) => bar.ts.getTime()).sort((a, b) => a - b);
  const gaps = times.slice(1).map((time, i) => time - times[i]!).sort((a, b) => a - b);
  if (gaps.length === 0) return null;
  const mid = Math.floor(gaps.length / 2);
  return gaps.length % 2 === 1 ? gaps[mid]! : (gaps[mid - 1]! + gaps[mid]!) / 2;
}

function formatMinutes(ms: number): string {
  const minutes = ms / MINUTE;
  return minutes === 1 ? '1 minute' : `${Number(minutes.toFixed(2))} minutes`;
}
