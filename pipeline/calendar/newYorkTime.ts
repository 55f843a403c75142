import { isoDateToUtcMs, utcMsToIsoDate } from './isoDate.ts';

/**
 * Wall-clock time in America/New_York through the runtime's own time zone data (Intl), so DST rules come from
 * ICU rather than from a table we would have to maintain.
 */
/** The exchange's time zone: the calendar, the schedules and their validation all read New York time. */
export const NEW_YORK_TIME_ZONE = 'America/New_York';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const newYorkParts = new Intl.DateTimeFormat('en-US', {
  timeZone: NEW_YORK_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

// New York changes its offset only on whole UTC hours, so one Intl call per UTC hour serves every bar in it;
// formatting is the slow part when a gate walks 100,000 minute bars.
const offsetByUtcHour = new Map<number, number>();

function computeOffsetMinutes(utcMs: number): number {
  const part = (parts: Intl.DateTimeFormatPart[], type: string) => Number(parts.find((p) => p.type === type)?.value);
  const parts = newYorkParts.formatToParts(new Date(utcMs));
  const wallMs = Date.UTC(part(parts, 'year'), part(parts, 'month') - 1, part(parts, 'day'),
    part(parts, 'hour'), part(parts, 'minute'), part(parts, 'second'));
  return Math.round((wallMs - utcMs) / MINUTE_MS);
}

/** New York's offset from UTC in minutes at `instant`: -300 (EST) or -240 (EDT). */
export function newYorkOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = offsetByUtcHour.get(hour);
  if (offset === undefined) {
    offset = computeOffsetMinutes(hour * HOUR_MS);
    offsetByUtcHour.set(hour, offset);
  }
  return offset;
}

/** New York calendar date and minutes after local midnight of an instant. */
export function newYorkWallClock(instant: Date): { date: string; minuteOfDay: number } {
  const wallMs = instant.getTime() + newYorkOffsetMinutes(instant) * MINUTE_MS;
  const date = utcMsToIsoDate(wallMs);
  return { date, minuteOfDay: Math.floor((wallMs - isoDateToUtcMs(date)) / MINUTE_MS) };
}

/** The instant when New York's clocks show `minuteOfDay` on `date` (a time that exists: not inside the 02:00 DST gap). */
export function newYorkInstant(date: string, minuteOfDay: number): Date {
  const wallMs = isoDateToUtcMs(date) + minuteOfDay * MINUTE_MS;
  // The offset at the guess may be the wrong side of a DST change; one correction settles it.
  const first = wallMs - newYorkOffsetMinutes(new Date(wallMs)) * MINUTE_MS;
  return new Date(wallMs - newYorkOffsetMinutes(new Date(first)) * MINUTE_MS);
}
