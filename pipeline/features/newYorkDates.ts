import { newYorkWallClock } from '../calendar/index.ts';

/** The calendar date `YYYY-MM-DD` in New York (the US exchanges' clock) at instant `ts`. */
export function newYorkDate(ts: Date): string {
  return newYorkWallClock(ts).date;
}

/** `newYorkDate` of each timestamp (the calendar caches New York's offset per UTC hour, so this stays cheap). */
export function newYorkDates(timestamps: readonly Date[]): string[] {
  return timestamps.map(newYorkDate);
}
