import { ingest, type IngestProgress } from '../pipeline/ingest/ingest.ts';
import type { SeriesOutcome } from '../pipeline/ingest/ingestSeries.ts';
import { planIngest } from '../pipeline/ingest/planIngest.ts';
import type { YahooSourceOptions } from '../pipeline/sources/yahooSource.ts';
import type { App } from './wiring.ts';

export interface SeedResult {
  /** False when the database already held bars: nothing was done. */
  seeded: boolean;
  source: 'yahoo' | 'sample' | null;
  /** Why Yahoo was not used, when it was not. */
  fallbackReason: string | null;
  runs: SeriesOutcome[];
}

/**
 * A first run on an empty database loads something real to look at: the watchlist from Yahoo when Yahoo answers,
 * otherwise the bundled S&P 500 sample. Yahoo gets one quick attempt per ticker here, so an offline machine falls
 * back in seconds rather than retrying.
 */
export async function seedIfEmpty(app: App, options: { yahoo?: YahooSourceOptions; onProgress?: (p: IngestProgress) => void } = {}): Promise<SeedResult> {
  if ((await app.store.prices.countBars()) > 0) return { seeded: false, source: null, fallbackReason: null, runs: [] };
  const quickYahoo: YahooSourceOptions = { maxAttempts: 1, timeoutMs: 5_000, ...options.yahoo };
  const yahoo = await planIngest({ source: 'yahoo' }, { watchlist: app.config.tickers, yahoo: quickYahoo });
  const fromYahoo = await ingest(yahoo.source, yahoo.requests, { store: app.store, onProgress: options.onProgress, telemetry: app.telemetry });
  if (fromYahoo.runs.some((run) => run.status === 'succeeded')) {
    return { seeded: true, source: 'yahoo', fallbackReason: null, runs: fromYahoo.runs };
  }
  const fallbackReason = fromYahoo.runs[0]?.error?.message ?? 'no watchlist tickers';
  app.logger.warn({ reason: fallbackReason }, 'Yahoo unavailable on first run; loading the bundled sample');
  const sample = await planIngest({ source: 'sample' }, { watchlist: [] });
  const fromSample = await ingest(sample.source, sample.requests, { store: app.store, onProgress: options.onProgress, telemetry: app.telemetry });
  return { seeded: true, source: 'sample', fallbackReason, runs: fromSample.runs };
}
