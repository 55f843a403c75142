import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../core/errors.ts';
import type { Finding } from '../../core/quality.ts';
import type { BarSource, FetchRequest, SourceBatch } from '../../core/sources.ts';
import { inRange } from './inRange.ts';
import { checkCsvInterval } from './checkCsvInterval.ts';
import { listCsvSeries, type CsvSeries } from './csvSeries.ts';
import { parseBarsCsv, type NullRow } from './parseBarsCsv.ts';

export interface CsvSourceOptions {
  /** Rows dated after this are refused; a function so a long-lived source keeps up with the clock. */
  now?: () => Date;
}

/**
 * Bars from a CSV file or a folder of them (see `listCsvSeries` for the file names it understands). Each fetch
 * reads the file again, so an edited file is picked up without restarting.
 */
export function createCsvSource(csvPath: string, options: CsvSourceOptions = {}): BarSource {
  const now = options.now ?? (() => new Date());
  return {
    name: 'csv',
    async fetch(request: FetchRequest, signal?: AbortSignal): Promise<SourceBatch> {
      const series = await findSeries(csvPath, request);
      const text = await readFile(series.file, { encoding: 'utf8', signal });
      const parsed = parseBarsCsv(text, series.file, { now: now() });
      checkCsvInterval(parsed, series.interval, series.file);
      const bars = [...parsed.bars].sort((a, b) => a.ts.getTime() - b.ts.getTime());
      return {
        ticker: series.ticker,
        interval: series.interval,
        source: `csv:${path.basename(series.file)}`,
        instrument: { ticker: series.ticker },
        bars: inRange(bars, request.from, request.to),
        dropped: inRange(parsed.nullRows, request.from, request.to).map((row) => nullRowFinding(row, series)),
      };
    },
  };
}

async function findSeries(csvPath: string, request: FetchRequest): Promise<CsvSeries> {
  const all = await listCsvSeries(csvPath);
  const found = all.find((one) => one.ticker === request.ticker.toUpperCase() && one.interval === request.interval);
  if (found) return found;
  const held = all.map((one) => `${one.ticker} ${one.interval}`).join(', ');
  throw new UserError('csv_no_series', `${csvPath} holds no ${request.ticker} ${request.interval} bars (it holds ${held})`);
}

function nullRowFinding(row: NullRow, series: CsvSeries): Finding {
  return {
    ticker: series.ticker,
    interval: series.interval,
    ts: row.ts,
    kind: 'bad_value',
    severity: 'warning',
    detail: `${series.file}:${row.line}: every value is null; row dropped`,
    data: { file: series.file, line: row.line },
  };
}
