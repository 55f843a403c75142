import { oneLine, RateLimitedError, TemporaryError, UserError } from '../core/errors.ts';

/** An answer the API gives instead of data: the status, a stable `code`, a message a person can act on. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** The project's refusals that mean "there is no such thing", answered 404 under their own code. */
const NOT_FOUND_CODES = new Set(['unknown_ticker', 'unknown_model_version']);
/** How long a client should wait after an upstream hiccup that names no time of its own. */
const DEFAULT_RETRY_AFTER_S = 5;

/**
 * What a failure becomes on the wire. A `UserError` keeps its code and message (404 for a missing thing, else 422);
 * a `TemporaryError` is 503 with Retry-After; anything else is 500 `internal` naming only `reference` (the request
 * id the log line carries), never its message or stack, which may name files, queries or hosts.
 */
export function apiErrorOf(err: unknown, reference: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof UserError) return new ApiError(NOT_FOUND_CODES.has(err.code) ? 404 : 422, err.code, oneLine(err));
  if (err instanceof TemporaryError) {
    const seconds = err instanceof RateLimitedError ? Math.max(1, Math.ceil(err.retryAfterMs / 1000)) : DEFAULT_RETRY_AFTER_S;
    return new ApiError(503, 'unavailable', `${oneLine(err)}; try again in ${seconds} s`, { 'retry-after': String(seconds) });
  }
  return new ApiError(500, 'internal', `something went wrong on our side (reference ${reference})`);
}

/** A request the API cannot read: `name` is the parameter (or header) at fault. */
export function badRequest(name: string, problem: string): ApiError {
  return new ApiError(400, 'bad_request', `${name}: ${problem}`);
}

/** Echo a piece of a request in a message without letting a long or odd one take the message over. */
export function quoted(raw: string, max = 40): string {
  const text = raw.length > max ? `${raw.slice(0, max)}…` : raw;
  return `'${text.replace(/[\p{Cc}]/gu, '?')}'`;
}
