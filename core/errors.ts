/**
 * Error classes decide what happens next, not where they came from:
 * - `UserError`: bad input; shown to the user as is, nothing retried.
 * - `TemporaryError`: an upstream hiccup (timeout, 429, 5xx); a job retries it with backoff.
 * - `OperationalError`: the installation is wrong (config, database, disk); admins must act.
 * Each carries a stable machine-readable `code` and, where there is one, its `cause`.
 */
export type ErrorKind = 'user' | 'temporary' | 'operational';

export abstract class TickcastError extends Error {
  abstract readonly kind: ErrorKind;
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

export class UserError extends TickcastError {
  readonly kind = 'user';
}

export class TemporaryError extends TickcastError {
  readonly kind = 'temporary';
}

export class OperationalError extends TickcastError {
  readonly kind = 'operational';
}

/** An upstream 429: try again no sooner than `retryAfterMs` from now. */
export class RateLimitedError extends TemporaryError {
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number, options?: { cause?: unknown }) {
    super('rate_limited', message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

export function isTickcastError(err: unknown): err is TickcastError {
  return err instanceof TickcastError;
}

/** One line, no stack: what a person should read when `err` reaches the edge of the program. */
export function oneLine(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.replace(/\s*[\n\r\u2028\u2029]\s*/g, ' ').trim();
}

/** The one wording for "we hold no data for this ticker", used by every command that reads a ticker's bars. */
export function unknownTicker(ticker: string): UserError {
  return new UserError('unknown_ticker', `no bars stored for ${ticker}; load them first, e.g. \`tickcast ingest --source yahoo --tickers ${ticker}\``);
}
