import type { Bar } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { clampToCalendarRange } from '../calendar/calendarRange.ts';
import { newYorkWallClock } from '../calendar/newYorkTime.ts';
import { sessionSlots } from '../calendar/sessionSlots.ts';
import { sessionsBetween } from '../calendar/sessionsBetween.ts';
import { formatBarTime } from './detailFormat.ts';
import { INTERVAL_MINUTES } from './intervalMinutes.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';

/**
 * Intraday: every regular-hours slot of a full session with no bar. A session counts only when the series covers
 * all of its regular hours (its first slot is not before the first bar of the series, its last not after the
 * last bar), so a feed that starts mid-day is not blamed for the morning it never claimed to have.
 * Info per slot (no trade = no bar is normal on thin feeds); a full session without a single bar is a warning,
 * reported once as missing_session rather than as hundreds of missing bars.
 */
export function checkMissingBars(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  if (series.interval === '1d' || sorted.length === 0) return [];
  const stepMs = INTERVAL_MINUTES[series.interval] * 60_000;
  const slotOf = (ts: Date) => Math.floor(ts.getTime() / stepMs);
  const present = new Set(sorted.map((bar) => slotOf(bar.ts)));
  const first = sorted[0]!.ts;
  const last = sorted.at(-1)!.ts;
  const range = clampToCalendarRange(newYorkWallClock(first).date, newYorkWallClock(last).date);
  if (range === null) return [];
  const findings: Finding[] = [];
  for (const date of sessionsBetween(range[0], range[1])) {
    const slots = sessionSlots(date, INTERVAL_MINUTES[series.interval]);
    if (slots[0]!.getTime() < first.getTime() || slots.at(-1)!.getTime() > last.getTime()) continue;
    const missing = slots.filter((slot) => !present.has(slotOf(slot)));
    if (missing.length === slots.length) findings.push(emptySessionFinding(series, date, slots));
    else findings.push(...missing.map((slot) => missingBarFinding(series, slot)));
  }
  return findings;
}

function missingBarFinding(series: SeriesContext, slot: Date): Finding {
  const detail = `no ${series.interval} bar for ${formatBarTime(series.interval, slot)} in regular hours: `
    + 'no trade in that interval, or a gap in the feed.';
  return makeFinding(series, slot, 'missing_bar', 'info', detail);
}

function emptySessionFinding(series: SeriesContext, date: string, slots: readonly Date[]): Finding {
  const detail = `no ${series.interval} bar at all in the regular hours of NYSE session ${date} (${slots.length} expected).`;
  return makeFinding(series, slots[0]!, 'missing_session', 'warning', detail, { date, expected: slots.length });
}
