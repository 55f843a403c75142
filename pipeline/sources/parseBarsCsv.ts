import type { Bar } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';

/**
 * Parse OHLCV bars from CSV text. Accepted headers (case and spacing ignored):
 * - tickcast / shared data: `date,open,high,low,close,adj_close,volume`
 * - Yahoo's download:       `Date,Open,High,Low,Close,Adj Close,Volume`
 * - intraday:               `timestamp,open,high,low,close,volume` (ISO 8601 with an offset)
 * Any problem is a `UserError` naming the file and line; nothing is returned for a file with a bad row.
 */
export interface ParsedCsv {
  kind: 'daily' | 'intraday';
  bars: Bar[];
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function normaliseHeader(cell: string): string {
  return cell.trim().replace(/^\uFEFF/, '').toLowerCase().replace(/[\s-]+/g, '_');
}

export function parseBarsCsv(text: string, file: string): ParsedCsv {
  const lines = text.split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map(normaliseHeader);
  const col = (name: string) => header.indexOf(name);
  const timeCol = col('date') >= 0 ? col('date') : col('timestamp');
  const kind = col('date') >= 0 ? 'daily' : 'intraday';
  const required = { time: timeCol, open: col('open'), high: col('high'), low: col('low'), close: col('close'), volume: col('volume') };
  const missing = Object.entries(required).filter(([, index]) => index < 0).map(([name]) => (name === 'time' ? 'date|timestamp' : name));
  if (missing.length > 0) {
    const seen = lines[0]?.trim() ? `'${lines[0].trim().slice(0, 80)}'` : 'an empty first line';
    throw new UserError('csv_bad_header', `${file}:1: header lacks ${missing.join(', ')} (found ${seen}); expected date,open,high,low,close,adj_close,volume or timestamp,open,high,low,close,volume`);
  }
  const adjCol = col('adj_close') >= 0 ? col('adj_close') : col('adjclose');
  const bars: Bar[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const cells = line.split(',');
    const where = `${file}:${i + 1}`;
    if (cells.length !== header.length) {
      throw new UserError('csv_malformed', `${where}: expected ${header.length} fields, found ${cells.length}`);
    }
    const number = (index: number, name: string): number => {
      const raw = cells[index]!.trim();
      const value = raw === '' ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) throw new UserError('csv_malformed', `${where}: ${name} '${raw}' is not a number`);
      if (value < 0) throw new UserError('csv_malformed', `${where}: ${name} ${raw} is negative`);
      return value;
    };
    bars.push({
      ts: parseTime(cells[timeCol]!.trim(), kind, where),
      open: number(required.open, 'open'),
      high: number(required.high, 'high'),
      low: number(required.low, 'low'),
      close: number(required.close, 'close'),
      adjClose: adjCol >= 0 ? number(adjCol, 'adj_close') : null,
      volume: number(required.volume, 'volume'),
    });
  }
  if (bars.length === 0) throw new UserError('csv_empty', `${file}: no rows after the header`);
  return { kind, bars };
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
