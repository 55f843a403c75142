import type { Bar, Interval } from './bars.ts';
import type { InstrumentInfo } from './ports.ts';
import type { Finding } from './quality.ts';

/** What to fetch: one ticker and interval, optionally a time range (`from` inclusive, `to` exclusive). */
export interface FetchRequest {
  ticker: string;
  interval: Interval;
  from?: Date;
  to?: Date;
}

/** One ticker's bars from a source, oldest first, with what the source had to drop on the way. */
export interface SourceBatch {
  ticker: string;
  interval: Interval;
  /** Provenance as stored on the ingestion run: `yahoo`, `csv:AAPL.csv`, `sample:sp500-2000`. */
  source: string;
  instrument: InstrumentInfo;
  bars: Bar[];
  /** Rows the source returned but could not turn into bars (nulls in Yahoo's quotes, say). */
  dropped: Finding[];
}

/** A market-data source. `fetch` throws a `UserError` for bad requests and a `TemporaryError` for upstream trouble. */
export interface BarSource {
  readonly name: string;
  fetch(request: FetchRequest, signal?: AbortSignal): Promise<SourceBatch>;
}
