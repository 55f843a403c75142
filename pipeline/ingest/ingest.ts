import type { Store } from '../../core/ports.ts';
import type { BarSource } from '../../core/sources.ts';
import { NO_TELEMETRY, type Telemetry } from '../../core/telemetry.ts';
import { ingestSeries, type SeriesOutcome, type SeriesRequest } from './ingestSeries.ts';

export interface IngestProgress {
  /** 0-based position of the series being worked on, and how many there are. */
  index: number;
  total: number;
  ticker: string;
  phase: 'start' | 'done';
  outcome?: SeriesOutcome;
}

export interface IngestOptions {
  store: Store;
  now?: () => Date;
  onProgress?: (progress: IngestProgress) => void;
  /** Where the bars each successful series wrote are counted. */
  telemetry?: Telemetry;
}

/**
 * Ingest several series from one source, one after another (the source rate-limits itself). One series'
 * failure is recorded and reported; it never stops the others.
 */
export async function ingest(source: BarSource, requests: readonly SeriesRequest[], options: IngestOptions): Promise<{ runs: SeriesOutcome[] }> {
  const now = options.now ?? (() => new Date());
  const runs: SeriesOutcome[] = [];
  for (const [index, request] of requests.entries()) {
    options.onProgress?.({ index, total: requests.length, ticker: request.ticker, phase: 'start' });
    const outcome = await ingestSeries(source, request, options.store, now());
    runs.push(outcome);
    if (outcome.status === 'succeeded') (options.telemetry ?? NO_TELEMETRY).barsIngested(outcome.ticker, outcome.interval, outcome.added + outcome.updated);
    options.onProgress?.({ index, total: requests.length, ticker: request.ticker, phase: 'done', outcome });
  }
  return { runs };
}
