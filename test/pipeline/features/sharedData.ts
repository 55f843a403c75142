// Real bars from ../shared/data beside the repository; tests read them there and never copy them in.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Bar } from '../../../core/bars.ts';
import { parseBarsCsv } from '../../../pipeline/sources/parseBarsCsv.ts';

export const DAILY_DIR = fileURLToPath(new URL('../../../../shared/data/daily/', import.meta.url));
export const INTRADAY_DIR = fileURLToPath(new URL('../../../../shared/data/intraday/', import.meta.url));

/** Every shared daily file's path, in name order. */
export function dailyFiles(): string[] {
  return readdirSync(DAILY_DIR)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => DAILY_DIR + name);
}

export function loadBars(path: string): Bar[] {
  return parseBarsCsv(readFileSync(path, 'utf8'), path).bars;
}
