import { setTimeout as delay } from 'node:timers/promises';
import YahooFinance from 'yahoo-finance2';
import { isTicker } from '../../core/bars.ts';
import { TemporaryError, UserError, isTickcastError, oneLine } from '../../core/errors.ts';
import type { BarSource, FetchRequest, SourceBatch } from '../../core/sources.ts';
import type { Sleep } from './tokenBucket.ts';
import { createTokenBucket } from './tokenBucket.ts';
import { inRange } from './inRange.ts';
import { yahooChartSchema, yahooInstrument, yahooQuotesToBars, type YahooChart } from './yahooChartToBatch.ts';
import { quietYahooLogger, type YahooLog } from './yahooLogger.ts';
import { createYahooTransport, type YahooTransport } from './yahooTransport.ts';
import { planYahooWindows, type YahooWindow } from './yahooWindows.ts';

export interface YahooSourceOptions {
  /** The HTTP client under yahoo-finance2; tests pass one that rewrites *.yahoo.com to a local server. */
  fetch?: typeof fetch;
  /** Request-rate cap per source: requests per second (default 2) and burst (default 2). */
  ratePerSecond?: number;
  burst?: number;
  /** HTTP requests per chart request, the first included (default 4). */
  maxAttempts?: number;
  /** Per HTTP request (default 15 000 ms). */
  timeoutMs?: number;
  /** Backoff: first retry waits 0.5-1 × base, doubling up to max (defaults 500 and 8 000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this gives up at once (default 60 000 ms). */
  maxRetryAfterMs?: number;
  /** Include pre- and post-market intraday bars (default false: regular session only). */
  includePrePost?: boolean;
  /** Clock for the intraday lookback limits, the rate cap and Retry-After dates. */
  now?: () => Date;
  sleep?: Sleep;
  random?: () => number;
  log?: YahooLog;
}

const realSleep: Sleep = async (ms, signal) => {
  await delay(ms, undefined, { signal });
};

/** Yahoo Finance chart data behind the `BarSource` interface, through the real yahoo-finance2 client. */
export function createYahooSource(options: YahooSourceOptions = {}): BarSource {
  const now = options.now ?? (() => new Date());
  const sleep = options.sleep ?? realSleep;
  const rate = options.ratePerSecond ?? 2;
  const bucket = createTokenBucket({ perSecond: rate, burst: options.burst ?? Math.max(1, rate), now, sleep });
  const transport = createYahooTransport({
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    maxAttempts: options.maxAttempts ?? 4,
    timeoutMs: options.timeoutMs ?? 15_000,
    baseDelayMs: options.baseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
    bucket, now, sleep, random: options.random ?? Math.random,
  });
  const client = new YahooFinance({
    logger: quietYahooLogger(options.log),
    versionCheck: false, // it would ask npm over the network after a validation failure
    validation: { logErrors: false, logOptionsErrors: false },
    suppressNotices: ['yahooSurvey'],
  });
  const includePrePost = options.includePrePost ?? false;
  return {
    name: 'yahoo',
    async fetch(request: FetchRequest, signal?: AbortSignal): Promise<SourceBatch> {
      // The symbol becomes part of the URL path: refuse anything that is not a ticker before it gets there.
      if (!isTicker(request.ticker)) throw new UserError('bad_ticker', `'${request.ticker}' is not a ticker (Yahoo spells them like AAPL, BRK-B, ^GSPC, EURUSD=X)`);
      const windows = planYahooWindows(request, now());
      const charts: YahooChart[] = [];
      for (const window of windows) {
        charts.push(await fetchChart(client, transport, request, window, includePrePost, signal));
      }
      const meta = charts[charts.length - 1]!.meta;
      const { bars, dropped } = yahooQuotesToBars(request.ticker, request.interval, { meta, quotes: charts.flatMap((chart) => chart.quotes) });
      return {
        ticker: request.ticker,
        interval: request.interval,
        source: 'yahoo',
        instrument: yahooInstrument(request.ticker, meta),
        bars: inRange(bars, request.from, request.to),
        dropped: inRange(dropped, request.from, request.to),
      };
    },
  };
}

async function fetchChart(
  client: InstanceType<typeof YahooFinance>,
  transport: YahooTransport,
  request: FetchRequest,
  window: YahooWindow,
  includePrePost: boolean,
  signal: AbortSignal | undefined,
): Promise<YahooChart> {
  let answer: unknown;
  try {
    answer = await client.chart(
      request.ticker,
      { period1: window.period1, period2: window.period2, interval: request.interval, includePrePost, events: 'div|split' },
      { fetch: transport(request.ticker, signal) },
    );
  } catch (err) {
    if (isTickcastError(err) || signal?.aborted) throw err;
    throw badResponse(request.ticker, oneLine(err), err);
  }
  const parsed = yahooChartSchema.safeParse(answer);
  if (!parsed.success) throw badResponse(request.ticker, oneLine(parsed.error.issues[0]?.message ?? 'unexpected shape'), parsed.error);
  return parsed.data;
}

function badResponse(ticker: string, why: string, cause: unknown): TemporaryError {
  return new TemporaryError('yahoo_bad_response', `Yahoo's chart answer for ${ticker} could not be read: ${why.slice(0, 200)}`, { cause });
}
