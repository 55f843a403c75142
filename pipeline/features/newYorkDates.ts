const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const HOUR_MS = 3_600_000;

/** The calendar date `YYYY-MM-DD` in New York (the US exchanges' clock) at instant `ts`. */
export function newYorkDate(ts: Date): string {
  const parts = NEW_YORK.formatToParts(ts);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * `newYorkDate` of each timestamp. New York's UTC offset is a whole number of hours, so its date only changes on a
 * UTC hour boundary; consecutive bars in the same UTC hour reuse one lookup (ICU formatting is the slow part).
 */
export function newYorkDates(timestamps: readonly Date[]): string[] {
  let cachedHour = Number.NaN;
  let cachedDate = '';
  return timestamps.map((ts) => {
    const hour = Math.floor(ts.getTime() / HOUR_MS);
    if (hour !== cachedHour) {
      cachedHour = hour;
      cachedDate = newYorkDate(ts);
    }
    return cachedDate;
  });
}
