const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * Midnight UTC of the session date that `instant` falls on in the exchange's time zone. Yahoo stamps a daily bar
 * at the session open (13:30Z for New York in summer); tickcast keys daily bars by session date. Without a usable
 * zone name, Yahoo's fixed `gmtoffset` (seconds) is the fallback.
 */
export function sessionStartUtc(instant: Date, timeZone: string | undefined, gmtOffsetSeconds = 0): Date {
  const formatter = timeZone ? formatterFor(timeZone) : null;
  if (!formatter) {
    const local = new Date(instant.getTime() + gmtOffsetSeconds * 1000);
    return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()));
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day)));
}

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      return null; // an unknown zone name: fall back to the fixed offset
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
