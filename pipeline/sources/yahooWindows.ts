import type { Interval } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';
import type { FetchRequest } from '../../core/sources.ts';

const DAY_MS = 86_400_000;

/** How far back Yahoo serves intraday bars (days before now); daily bars go back to the listing. */
export const YAHOO_LOOKBACK_DAYS: Readonly<Partial<Record<Interval, number>>> = { '1m': 30, '5m': 60, '1h': 730 };
/** Yahoo refuses 1m requests spanning more than 7 days ("Only 7 days worth of 1m granularity data ..."). */
const MAX_SPAN_DAYS: Readonly<Partial<Record<Interval, number>>> = { '1m': 7 };
/** Asking for exactly the oldest instant Yahoo allows races its own clock; stay a little inside. */
const LOOKBACK_MARGIN_MS = 10 * 60_000;
/** Yahoo refuses a period1 more than 100 years back; 99 still reaches ^GSPC's first bar (1927). */
const DAILY_HISTORY_YEARS = 99;

/** One chart() request: `period1` inclusive, `period2` exclusive, as Yahoo reads them. */
export interface YahooWindow {
  period1: Date;
  period2: Date;
}

/**
 * The requests that cover `request` within Yahoo's limits. A range that starts before the intraday lookback is
 * clipped to it (incremental loads of a stale series then still get what exists); one that ends before it is
 * refused. There is always at least one window, so the batch can carry the instrument's metadata even when the
 * range holds no bars.
 */
export function planYahooWindows(request: FetchRequest, now: Date): YahooWindow[] {
  if (request.from && request.to && request.from > request.to) {
    throw new UserError('bad_range', `--from ${request.from.toISOString()} is after --to ${request.to.toISOString()}`);
  }
  const to = request.to && request.to < now ? request.to : now;
  if (request.interval === '1d') return [dailyWindow(request.from, to, now)];
  const earliest = earliestIntraday(request, to, now);
  const requested = request.from && request.from > earliest ? request.from : earliest;
  const from = requested < to ? requested : new Date(Math.max(earliest.getTime(), to.getTime() - DAY_MS));
  return splitWindow(from, to, MAX_SPAN_DAYS[request.interval]);
}

/** Daily bars are stamped at the session open, which can fall on the UTC day before the session (Sydney, say): pad a day each side and filter after normalising. */
function dailyWindow(from: Date | undefined, to: Date, now: Date): YahooWindow {
  const oldest = new Date(Date.UTC(now.getUTCFullYear() - DAILY_HISTORY_YEARS, 0, 1));
  const start = from && from > oldest ? from : oldest;
  const period1 = new Date(Math.min(start.getTime(), to.getTime()) - DAY_MS);
  return { period1: period1 < oldest ? oldest : period1, period2: new Date(to.getTime() + DAY_MS) };
}

function earliestIntraday(request: FetchRequest, to: Date, now: Date): Date {
  const days = YAHOO_LOOKBACK_DAYS[request.interval]!;
  const earliest = new Date(now.getTime() - days * DAY_MS + LOOKBACK_MARGIN_MS);
  if (to <= earliest) {
    throw new UserError('yahoo_range_unavailable', `Yahoo serves ${request.interval} bars for the last ${days} days only (since ${earliest.toISOString().slice(0, 16)}Z); the requested range ends ${to.toISOString().slice(0, 16)}Z. Use a later --from, a coarser --interval, or --source csv:PATH`);
  }
  return earliest;
}

function splitWindow(from: Date, to: Date, maxSpanDays: number | undefined): YahooWindow[] {
  const span = maxSpanDays ? maxSpanDays * DAY_MS : Number.POSITIVE_INFINITY;
  const windows: YahooWindow[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += span) {
    windows.push({ period1: new Date(start), period2: new Date(Math.min(start + span, to.getTime())) });
  }
  return windows;
}
