import { INTERVALS, type Interval } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';
import type { BarSource } from '../../core/sources.ts';
import { createCsvSource } from '../sources/csvSource.ts';
import { listCsvSeries } from '../sources/csvSeries.ts';
import { createSampleSource, SAMPLE_SERIES } from '../sources/sampleSource.ts';
import { createYahooSource, type YahooSourceOptions } from '../sources/yahooSource.ts';
import type { SeriesRequest } from './ingestSeries.ts';

export interface IngestSpec {
  /** `yahoo`, `csv:PATH` or `sample`. */
  source: string;
  /** Tickers to load; for CSV and the sample, a filter on what the path holds; for Yahoo, required (or the watchlist). */
  tickers?: string[];
  interval?: Interval;
  from?: Date;
  to?: Date;
}

export interface IngestPlan {
  source: BarSource;
  requests: SeriesRequest[];
}

/** Turn the command line's words into a source and the series to load, refusing what cannot work before anything runs. */
export async function planIngest(spec: IngestSpec, options: { watchlist: string[]; yahoo?: YahooSourceOptions }): Promise<IngestPlan> {
  if (spec.interval && !INTERVALS.includes(spec.interval)) {
    throw new UserError('bad_interval', `interval '${spec.interval}' is not one of ${INTERVALS.join(', ')}`);
  }
  if (spec.from && spec.to && spec.from >= spec.to) {
    throw new UserError('bad_range', `--from ${spec.from.toISOString().slice(0, 10)} is not before --to ${spec.to.toISOString().slice(0, 10)}`);
  }
  const range = { ...(spec.from ? { from: spec.from } : {}), ...(spec.to ? { to: spec.to } : {}) };
  const [kind, ...rest] = spec.source.split(':');
  const location = rest.join(':');
  switch (kind) {
    case 'yahoo': {
      const tickers = spec.tickers?.length ? spec.tickers : options.watchlist;
      const interval = spec.interval ?? '1d';
      return { source: createYahooSource(options.yahoo), requests: tickers.map((ticker) => ({ ticker, interval, incremental: true, ...range })) };
    }
    case 'csv': {
      if (!location) throw new UserError('bad_source', 'csv needs a path: --source csv:PATH (a file or a folder of .csv files)');
      const held = await listCsvSeries(location);
      const wanted = filterSeries(held, spec, `in ${location}`);
      return { source: createCsvSource(location), requests: wanted.map((one) => ({ ticker: one.ticker, interval: one.interval, ...range })) };
    }
    case 'sample': {
      const wanted = filterSeries(SAMPLE_SERIES, spec, 'in the offline sample (it holds ^GSPC daily)');
      return { source: createSampleSource(), requests: wanted.map((one) => ({ ...one, ...range })) };
    }
    default:
      throw new UserError('bad_source', `unknown source '${spec.source}': use yahoo, csv:PATH or sample`);
  }
}

function filterSeries<T extends { ticker: string; interval: Interval }>(held: readonly T[], spec: IngestSpec, where: string): T[] {
  const byInterval = spec.interval ? held.filter((one) => one.interval === spec.interval) : [...held];
  if (!spec.tickers?.length) {
    if (byInterval.length === 0) throw new UserError('nothing_to_ingest', `no ${spec.interval ?? ''} series ${where}`.replace('  ', ' '));
    return byInterval;
  }
  const missing = spec.tickers.filter((ticker) => !byInterval.some((one) => one.ticker === ticker));
  if (missing.length > 0) throw new UserError('unknown_ticker', `no ${missing.join(', ')} ${spec.interval ?? ''} series ${where}`.replace('  ', ' '));
  return byInterval.filter((one) => spec.tickers!.includes(one.ticker));
}
