import { sessionDate } from '../../core/bars.ts';
import type { Bar, Interval } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { clampToCalendarRange, inCalendarRange } from '../calendar/calendarRange.ts';
import { isSession } from '../calendar/isSession.ts';
import { lastCompletedSession } from '../calendar/lastCompletedSession.ts';
import { newYorkWallClock } from '../calendar/newYorkTime.ts';
import { sessionOpenClose } from '../calendar/sessionOpenClose.ts';
import { sessionsBetween } from '../calendar/sessionsBetween.ts';
import { formatBarTime } from './detailFormat.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';
import { INTRADAY_LIVE_LAG_MINUTES, PUBLICATION_DELAY_MINUTES } from './qualityThresholds.ts';

const MINUTE_MS = 60_000;

/** The session a bar belongs to: a daily bar's date, an intraday bar's New York date. */
function barSession(interval: Interval, bar: Bar): string {
  return interval === '1d' ? sessionDate(bar.ts) : newYorkWallClock(bar.ts).date;
}

/** The newest session whose bars should be published by `now`; null where the calendar cannot say (outside 2000..2035). */
function expectedSession(interval: Interval, now: Date): string | null {
  const cutoff = new Date(now.getTime() - PUBLICATION_DELAY_MINUTES[interval] * MINUTE_MS);
  try {
    return lastCompletedSession(cutoff);
  } catch (err) {
    if (err instanceof RangeError) return null;
    throw err;
  }
}

function sessionsBehind(lastSession: string, expected: string): number {
  const range = clampToCalendarRange(lastSession, expected);
  return range === null ? 0 : sessionsBetween(range[0], range[1]).filter((date) => date > lastSession).length;
}

/** Intraday, during an open session: the newest bar's age in minutes when it exceeds the allowed lag, else null. */
function liveLag(interval: Interval, last: Bar, now: Date): { ageMinutes: number; allowedMinutes: number } | null {
  if (interval === '1d') return null;
  const today = newYorkWallClock(now).date;
  if (!inCalendarRange(today) || !isSession(today)) return null;
  const { open, close } = sessionOpenClose(today);
  const allowedMinutes = INTRADAY_LIVE_LAG_MINUTES[interval];
  if (now.getTime() < open.getTime() + allowedMinutes * MINUTE_MS || now.getTime() > close.getTime()) return null;
  const ageMinutes = Math.floor((now.getTime() - last.ts.getTime()) / MINUTE_MS);
  return ageMinutes > allowedMinutes ? { ageMinutes, allowedMinutes } : null;
}

/**
 * Warning: the newest bar is older than the calendar says it should be at `now`: a session whose close plus the
 * source's publication delay has passed has no bar, or (intraday, market open) no bar has come for longer than the
 * live lag. A series with no usable bars at all is stale too.
 */
export function checkStaleSeries(series: SeriesContext, sorted: readonly Bar[], now: Date): Finding[] {
  const last = sorted.at(-1);
  if (last === undefined) {
    return [makeFinding(series, null, 'stale_series', 'warning', 'the series has no usable bars at all.')];
  }
  const lastSession = barSession(series.interval, last);
  const lastAt = formatBarTime(series.interval, last.ts);
  const expected = expectedSession(series.interval, now);
  if (expected !== null && lastSession < expected) {
    const behind = sessionsBehind(lastSession, expected);
    const detail = `the newest bar is ${lastAt} but session ${expected} should be published by now: `
      + `${behind} session(s) behind.`;
    return [makeFinding(series, null, 'stale_series', 'warning', detail, { last: lastSession, expected, behind })];
  }
  const lag = liveLag(series.interval, last, now);
  if (lag === null) return [];
  const detail = `the newest bar is ${lastAt}, ${lag.ageMinutes} minutes ago, while the session is open `
    + `(allowed: ${lag.allowedMinutes} minutes).`;
  return [makeFinding(series, null, 'stale_series', 'warning', detail, { last: lastAt, ...lag })];
}
