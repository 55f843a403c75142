import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isTicker, type Interval } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';

/** One series a CSV path holds: the ticker and interval its file name says, and the file to read. */
export interface CsvSeries {
  ticker: string;
  interval: Interval;
  /** The file's path as reached from the path the user gave. */
  file: string;
}

/** File-name suffixes after the last `_`; no suffix means daily bars. */
const SUFFIX_INTERVALS: Readonly<Record<string, Interval>> = {
  '1min': '1m', '1m': '1m', '5min': '5m', '5m': '5m', '60min': '1h', '1h': '1h', '1d': '1d',
};
const NAME_HELP = 'expected TICKER.csv (daily) or TICKER_1min.csv, TICKER_5min.csv, TICKER_1h.csv';

/** `AAPL.csv` → AAPL 1d, `SPY_1min.csv` → SPY 1m, `amzn_1h.csv` → AMZN 1h. */
export function csvSeriesFromFileName(file: string): CsvSeries {
  const name = path.basename(file);
  const stem = name.replace(/\.csv$/i, '');
  const cut = stem.lastIndexOf('_');
  const suffix = cut > 0 ? SUFFIX_INTERVALS[stem.slice(cut + 1).toLowerCase()] : undefined;
  const ticker = (suffix ? stem.slice(0, cut) : stem).toUpperCase();
  if (!isTicker(ticker)) {
    throw new UserError('csv_bad_file_name', `${file}: '${name}' does not name a ticker and interval; ${NAME_HELP}`);
  }
  return { ticker, interval: suffix ?? '1d', file };
}

/** The series a file or a folder of `.csv` files holds, sorted by ticker then interval; the ingest command iterates them. */
export async function listCsvSeries(csvPath: string): Promise<CsvSeries[]> {
  const files = await csvFiles(csvPath);
  const series = files.map(csvSeriesFromFileName);
  const fileByKey = new Map<string, string>();
  for (const one of series) {
    const key = `${one.ticker} ${one.interval}`;
    const other = fileByKey.get(key);
    if (other) throw new UserError('csv_duplicate_series', `${other} and ${one.file} both hold ${one.ticker} ${one.interval} bars; keep one`);
    fileByKey.set(key, one.file);
  }
  return series.sort((a, b) => a.ticker.localeCompare(b.ticker) || a.interval.localeCompare(b.interval));
}

async function csvFiles(csvPath: string): Promise<string[]> {
  const info = await stat(csvPath).catch((err: NodeJS.ErrnoException) => {
    throw new UserError('csv_not_found', `${csvPath}: ${err.code === 'ENOENT' ? 'no such file or folder' : err.message}`, { cause: err });
  });
  if (!info.isDirectory()) {
    if (!/\.csv$/i.test(csvPath)) throw new UserError('csv_bad_file_name', `${csvPath}: not a .csv file; ${NAME_HELP}`);
    return [csvPath];
  }
  const names = (await readdir(csvPath)).filter((name) => /\.csv$/i.test(name)).sort();
  if (names.length === 0) throw new UserError('csv_not_found', `${csvPath}: the folder holds no .csv files`);
  return names.map((name) => path.join(csvPath, name));
}
