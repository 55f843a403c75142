import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bar } from '../../../core/bars.ts';
import { parseBarsCsv } from '../../../pipeline/sources/parseBarsCsv.ts';

/** The real market data beside the repository (../shared/data), read in place, never copied in. */
const SHARED_DATA = new URL('../../../../shared/data/', import.meta.url);

export function sharedDailyTickers(): string[] {
  return readdirSync(new URL('daily/', SHARED_DATA)).filter((name) => name.endsWith('.csv')).map((name) => name.slice(0, -4)).sort();
}

export function loadSharedDaily(ticker: string): Bar[] {
  return loadShared(`daily/${ticker}.csv`);
}

/** `name` as in data/intraday, e.g. `SPY_1min.csv`. */
export function loadSharedIntraday(name: string): Bar[] {
  return loadShared(`intraday/${name}`);
}

function loadShared(relative: string): Bar[] {
  const url = new URL(relative, SHARED_DATA);
  return parseBarsCsv(readFileSync(url, 'utf8'), fileURLToPath(url)).bars;
}
