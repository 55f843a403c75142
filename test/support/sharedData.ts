import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bar } from '../../core/bars.ts';
import { parseBarsCsv } from '../../pipeline/sources/parseBarsCsv.ts';

/** The real market data beside the project (../shared/data); tests read it there and never copy it. */
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const DAILY_DIR = path.join(SHARED_DATA, 'daily');
export const INTRADAY_DIR = path.join(SHARED_DATA, 'intraday');

export function dailyTickers(): string[] {
  return fs.readdirSync(DAILY_DIR).filter((f) => f.endsWith('.csv')).map((f) => f.slice(0, -4)).sort();
}

/** Every shared daily file's path, in ticker order. */
export function dailyFiles(): string[] {
  return dailyTickers().map((ticker) => path.join(DAILY_DIR, `${ticker}.csv`));
}

export function readBarsFile(file: string): Bar[] {
  return parseBarsCsv(fs.readFileSync(file, 'utf8'), file).bars;
}

export function readDaily(ticker: string): Bar[] {
  return readBarsFile(path.join(DAILY_DIR, `${ticker}.csv`));
}

/** `name` as in data/intraday, e.g. `SPY_1min.csv`. */
export function readIntraday(name: string): Bar[] {
  return readBarsFile(path.join(INTRADAY_DIR, name));
}
