import { TemporaryError, UserError, oneLine } from '../../core/errors.ts';
import { backoffDelayMs, retryAfterMs } from './backoff.ts';
import type { Sleep, TokenBucket } from './tokenBucket.ts';

export interface YahooTransportOptions {
  fetch: typeof fetch;
  /** Requests per fetch, the first included. */
  maxAttempts: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A longer Retry-After than this ends the retries at once: the caller had better come back later. */
  maxRetryAfterMs: number;
  bucket: TokenBucket;
  now: () => Date;
  sleep: Sleep;
  random: () => number;
}

/** The `fetch` handed to yahoo-finance2 for one ticker's request; the ticker names it in error messages. */
export type YahooTransport = (ticker: string, signal?: AbortSignal) => typeof fetch;

/** What one HTTP attempt came to when it is worth trying again. */
interface RetryableFailure {
  problem: string;
  retryAfterMs: number | null;
  cause?: unknown;
}

/**
 * Resilience lives here, under yahoo-finance2, because only here are the status and headers visible (its own
 * errors drop Retry-After) and because each HTTP request, not each chart() call, should be rate-capped, timed out
 * and retried. yahoo-finance2 only ever sees a 2xx answer with a parsable body; everything else ends as our error.
 */
export function createYahooTransport(options: YahooTransportOptions): YahooTransport {
  return (ticker, signal) => async (input, init) => {
    for (let attempt = 1; ; attempt++) {
      const outcome = await attemptOnce(input, init, ticker, signal, options);
      if (outcome instanceof Response) return outcome;
      const wait = Math.max(backoffDelayMs(attempt, options.baseDelayMs, options.maxDelayMs, options.random), outcome.retryAfterMs ?? 0);
      if (attempt >= options.maxAttempts || wait > options.maxRetryAfterMs) throw unreachable(ticker, attempt, outcome);
      await options.sleep(wait, signal);
    }
  };
}

async function attemptOnce(
  input: Parameters<typeof fetch>[0],
  init: RequestInit | undefined,
  ticker: string,
  signal: AbortSignal | undefined,
  options: YahooTransportOptions,
): Promise<Response | RetryableFailure> {
  await options.bucket.take(signal);
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let status: number;
  let headers: Headers;
  let body: string;
  try {
    const response = await options.fetch(input, { ...init, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    ({ status, headers } = response);
    body = await response.text(); // inside the try: the timeout also covers a body that never finishes
  } catch (err) {
    if (signal?.aborted) throw signal.reason;
    if (timeout.aborted) return { problem: `no answer within ${options.timeoutMs / 1000} s`, retryAfterMs: null, cause: err };
    return { problem: `network error: ${oneLine(err instanceof Error && err.cause ? err.cause : err)}`, retryAfterMs: null, cause: err };
  }
  if (status === 429 || status >= 500) {
    return { problem: `HTTP ${status}`, retryAfterMs: retryAfterMs(headers.get('retry-after'), options.now()) };
  }
  if (status >= 200 && status < 300) return parsableResponse(body, status, headers, ticker);
  throw refusal(status, body, ticker);
}

function parsableResponse(body: string, status: number, headers: Headers, ticker: string): Response {
  try {
    JSON.parse(body);
  } catch (err) {
    throw new TemporaryError('yahoo_bad_response', `Yahoo answered the ${ticker} chart request with malformed JSON (${snippet(body)})`, { cause: err });
  }
  return new Response(body, { status, headers });
}

/** Yahoo answers an unknown or delisted symbol with 404 and a `chart.error` body; other 4xx are refusals of the request. */
function refusal(status: number, body: string, ticker: string): Error {
  const description = yahooErrorDescription(body);
  if (status === 404) {
    return new UserError('unknown_ticker', `unknown ticker ${ticker}: Yahoo has no data for it${description ? ` (${description})` : ''}; check the symbol (Yahoo spells them like BRK-B, ^GSPC, EURUSD=X)`);
  }
  if (status === 400) return new UserError('yahoo_bad_request', `Yahoo refused the ${ticker} request: ${description ?? `HTTP ${status}`}`);
  return new TemporaryError('yahoo_refused', `Yahoo answered HTTP ${status} to the ${ticker} request${description ? `: ${description}` : ''}`);
}

function yahooErrorDescription(body: string): string | null {
  try {
    const parsed = JSON.parse(body) as { chart?: { error?: { description?: unknown } } };
    const description = parsed.chart?.error?.description;
    return typeof description === 'string' ? description : null;
  } catch {
    return body.trim() ? snippet(body) : null;
  }
}

function unreachable(ticker: string, attempts: number, last: RetryableFailure): TemporaryError {
  const wait = last.retryAfterMs !== null ? `, asked to wait ${Math.ceil(last.retryAfterMs / 1000)} s` : '';
  return new TemporaryError(
    'yahoo_unreachable',
    `Yahoo Finance could not be reached for ${ticker} (${attempts} attempt${attempts === 1 ? '' : 's'}, last: ${last.problem}${wait}); try again later, or use --source sample or --source csv:PATH`,
    { cause: last.cause },
  );
}

function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat === '' ? 'empty body' : `'${flat.slice(0, 80)}${flat.length > 80 ? '…' : ''}'`;
}
