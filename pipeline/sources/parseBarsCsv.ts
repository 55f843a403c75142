import type { Bar } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';

/**
 * Parse OHLCV bars from CSV text. Accepted headers (case and spacing ignored):
 * - tickcast / shared data: `date,open,high,low,close,adj_close,volume`
 * - Yahoo's download:       `Date,Open,High,Low,Close,Adj Close,Volume`
 * - vega-datasets:          `date,open,high,low,close,adjclose,volume`
 * - intraday:               `timestamp,open,high,low,close,volume` (ISO 8601 with an offset)
 * Rows whose every value is `null` (Yahoo's download writes them for sessions it has no prices for) are not bars:
 * they come back in `nullRows` so the caller can report them. Any other problem is a `UserError` naming the file
 * and line; nothing is returned for a file with a bad row.
 */
export interface ParsedCsv {
  kind: 'daily' | 'intraday';
  /** In file order. */
  bars: Bar[];
  nullRows: NullRow[];
}

export interface NullRow {
  /** 1-based line number in the file. */
  line: number;
  ts: Date;
}

export interface ParseBarsCsvOptions {
  /** Bars after this instant are refused as future dates; default: the real current time. */
  now?: Date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A session date is only "in the future" once it has not started anywhere on Earth (UTC+14 is the earliest zone). */
const EARLIEST_ZONE_MS = 14 * 3_600_000;

interface Columns {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  adjClose: number;
  volume: number;
}

function normaliseHeader(cell: string): string {
  return cell.trim().replace(/^\uFEFF/, '').toLowerCase().replace(/[\s-]+/g, '_');
}

export function parseBarsCsv(text: string, file: string, options: ParseBarsCsvOptions = {}): ParsedCsv {
  if (text.trim() === '') throw new UserError('csv_empty', `${file}:1: the file is empty`);
  const lines = text.split(/\r?\n/);
  const header = lines[0]!.split(',').map(normaliseHeader);
  const kind = header.includes('date') ? 'daily' : 'intraday';
  const columns = findColumns(header, lines[0]!, file);
  const now = options.now ?? new Date();
  const bars: Bar[] = [];
  const nullRows: NullRow[] = [];
  const lineByTime = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const where = `${file}:${i + 1}`;
    const cells = line.split(',').map((cell) => cell.trim());
    if (cells.length !== header.length) {
      throw new UserError('csv_malformed', `${where}: expected ${header.length} fields, found ${cells.length}`);
    }
    const ts = parseTime(cells[columns.time]!, kind, where);
    checkNotFuture(ts, kind, now, where);
    checkUnique(ts, cells[columns.time]!, i + 1, lineByTime, file);
    if (isAllNull(cells, columns.time)) nullRows.push({ line: i + 1, ts });
    else bars.push(parseBar(cells, columns, ts, where));
  }
  if (bars.length === 0 && nullRows.length === 0) throw new UserError('csv_empty', `${file}:2: no rows after the header`);
  return { kind, bars, nullRows };
}

function findColumns(header: string[], firstLine: string, file: string): Columns {
  const col = (name: string) => header.indexOf(name);
  const time = col('date') >= 0 ? col('date') : col('timestamp');
  const required = { time, open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume') };
  const missing = Object.entries(required).filter(([, index]) => index < 0).map(([name]) => (name === 'time' ? 'date|timestamp' : name));
  if (missing.length > 0) {
    const seen = firstLine.trim() ? `'${firstLine.trim().slice(0, 80)}'` : 'an empty first line';
    throw new UserError('csv_bad_header', `${file}:1: header lacks ${missing.join(', ')} (found ${seen}); expected date,open,high,low,close,adj_close,volume or timestamp,open,high,low,close,volume`);
  }
  const adjClose = col('adj_close') >= 0 ? col('adj_close') : col('adjclose');
  return { ...required, adjClose };
}

function isAllNull(cells: string[], timeCol: number): boolean {
  return cells.every((cell, index) => index === timeCol || cell.toLowerCase() === 'null');
}

function parseBar(cells: string[], columns: Columns, ts: Date, where: string): Bar {
  const number = (index: number, name: string): number => {
    const raw = cells[index]!;
    const value = raw === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) throw new UserError('csv_malformed', `${where}: ${name} '${raw}' is not a number`);
    if (value < 0) throw new UserError('csv_malformed', `${where}: ${name} ${raw} is negative`);
    return value;
  };
  return {
    ts,
    open: number(columns.open, 'open'),
    high: number(columns.high, 'high'),
    low: number(columns.low, 'low'),
    close: number(columns.close, 'close'),
    adjClose: columns.adjClose >= 0 ? number(columns.adjClose, 'adj_close') : null,
    volume: number(columns.volume, 'volume'),
  };
}

function checkNotFuture(ts: Date, kind: ParsedCsv['kind'], now: Date, where: string): void {
  const latest = kind === 'daily' ? now.getTime() + EARLIEST_ZONE_MS : now.getTime();
  if (ts.getTime() > latest) {
    throw new UserError('csv_future_date', `${where}: ${kind === 'daily' ? 'date' : 'timestamp'} ${ts.toISOString()} is in the future (now is ${now.toISOString()})`);
  }
}

function checkUnique(ts: Date, raw: string, line: number, lineByTime: Map<number, number>, file: string): void {
  const earlier = lineByTime.get(ts.getTime());
  if (earlier !== undefined) {
    throw new UserError('csv_duplicate', `${file}:${line}: '${raw}' duplicates the bar at line ${earlier} (${file}:${earlier})`);
  }
  lineByTime.set(ts.getTime(), line);
}

function parseTime(raw: string, kind: ParsedCsv['kind'], where: string): Date {
  if (kind === 'daily') {
    if (!DATE_ONLY.test(raw)) throw new UserError('csv_malformed', `${where}: date '${raw}' is not YYYY-MM-DD`);
    const ts = new Date(`${raw}T00:00:00Z`);
    if (Number.isNaN(ts.getTime()) || ts.toISOString().slice(0, 10) !== raw) {
      throw new UserError('csv_malformed', `${where}: date '${raw}' does not exist`);
    }
    return ts;
  }
  if (!ISO_WITH_ZONE.test(raw)) {
    throw new UserError('csv_malformed', `${where}: timestamp '${raw}' is not ISO 8601 with a time zone offset`);
  }
  const ts = new Date(raw);
  if (Number.isNaN(ts.getTime())) throw new UserError('csv_malformed', `${where}: timestamp '${raw}' does not exist`);
  return ts;
}
