import { closureReason, newYorkWallClock } from '../pipeline/calendar/index.ts';
import { closeMinute, REGULAR_OPEN_MINUTE } from '../pipeline/calendar/sessionOpenClose.ts';

/** When a job is worth running, by the NYSE calendar in New York time. */
export type CalendarRule = 'session-day' | 'market-hours' | 'any';

/** Minutes after the close during which an intraday ingest still has the session's last bar to fetch. */
const AFTER_CLOSE_GRACE_MINUTES = 15;

/** Why the job should not run at `now` (the day's closure reason, or outside the session), or null when it should. */
export function notDueReason(rule: CalendarRule, now: Date): string | null {
  if (rule === 'any') return null;
  const { date, minuteOfDay } = newYorkWallClock(now);
  const closed = closureReason(date);
  if (closed) return `NYSE is closed on ${date} (${closed})`;
  if (rule === 'market-hours' && (minuteOfDay < REGULAR_OPEN_MINUTE || minuteOfDay > closeMinute(date) + AFTER_CLOSE_GRACE_MINUTES)) {
    return `${date} ${clock(minuteOfDay)} New York is outside the session (09:30-${clock(closeMinute(date))})`;
  }
  return null;
}

/** New York's date at `now`: the day a daily job's instance is named after. */
export function newYorkDate(now: Date): string {
  return newYorkWallClock(now).date;
}

/** New York's date and hour at `now` (`2026-11-20T15`): the name of an hourly instance. */
export function newYorkHour(now: Date): string {
  const { date, minuteOfDay } = newYorkWallClock(now);
  return `${date}T${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}`;
}

/** The ISO week (`2026-W47`) of New York's date at `now`: the name of a weekly instance. */
export function newYorkWeek(now: Date): string {
  const date = new Date(`${newYorkDate(now)}T00:00:00Z`);
  const weekday = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - weekday + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((date.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function clock(minuteOfDay: number): string {
  return `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;
}
