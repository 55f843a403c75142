import { InvalidArgumentError } from 'commander';
import { INTERVALS, isTicker, type Interval } from '../core/bars.ts';

/** commander argument parsers: each refuses bad input with a message naming what was wrong. */

export function parseTicker(value: string): string {
  const ticker = value.trim().toUpperCase();
  if (!isTicker(ticker)) throw new InvalidArgumentError(`'${value}' is not a ticker symbol (e.g. AAPL, BRK-B, ^GSPC)`);
  return ticker;
}

export function parseTickerList(value: string): string[] {
  const tickers = value.split(',').map((part) => part.trim()).filter(Boolean);
  if (tickers.length === 0) throw new InvalidArgumentError('give at least one ticker, comma-separated');
  return [...new Set(tickers.map(parseTicker))];
}

export function parseInterval(value: string): Interval {
  if (!(INTERVALS as readonly string[]).includes(value)) throw new InvalidArgumentError(`'${value}' is not one of ${INTERVALS.join(', ')}`);
  return value as Interval;
}

export function parseDate(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a date (YYYY-MM-DD)`);
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new InvalidArgumentError(`'${value}' is not a real date`);
  return date;
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`'${value}' is not a positive whole number`);
  return n;
}
