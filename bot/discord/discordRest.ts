import { DiscordAPIError, HTTPError, RateLimitError, REST } from 'discord.js';
import { OperationalError, RateLimitedError, TemporaryError, type TickcastError } from '../../core/errors.ts';

export interface DiscordRestOptions {
  /** DISCORD_API_URL (e.g. `http://127.0.0.1:PORT/api`); null: Discord's own. */
  apiUrl: string | null;
  token?: string | null;
  /**
   * Throw on a 429 instead of waiting it out inside @discordjs/rest: the outbox schedules its own retry from
   * Retry-After, and must not hold a channel's lease while a client sleeps.
   */
  rejectOnRateLimit?: boolean;
  /** Retries of 5xx answers and timeouts inside the client; the outbox retries on its own, so it passes 0. */
  retries?: number;
  timeoutMs?: number;
}

export function createDiscordRest(options: DiscordRestOptions): REST {
  const rest = new REST({
    version: '10',
    ...(options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {}),
    ...(options.rejectOnRateLimit ? { rejectOnRateLimit: () => true } : {}),
    retries: options.retries ?? 3,
    timeout: options.timeoutMs ?? 15_000,
  });
  return options.token ? rest.setToken(options.token) : rest;
}

/** Stops the client's sweep timers, so a stopped surface leaves nothing behind. */
export function closeDiscordRest(rest: REST): void {
  rest.clearHashSweeper();
  rest.clearHandlerSweeper();
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function isNetworkError(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || code.startsWith('UND_ERR'))) return true;
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return true;
  return err.cause instanceof Error && isNetworkError(err.cause);
}

/**
 * A Discord REST failure as the error class that decides what happens next: a 429 carries its Retry-After; 5xx,
 * timeouts and network failures are temporary; a refusal (missing access, unknown channel, bad token) is permanent
 * and names Discord's own error code. Anything else is returned as it was.
 */
export function discordFailure(err: unknown, what: string): unknown {
  if (err instanceof RateLimitError) {
    const retryAfterMs = Math.max(err.retryAfter, err.timeToReset, 0) || 1000;
    return new RateLimitedError(`Discord rate-limited ${what}; retry in ${Math.ceil(retryAfterMs / 1000)} s`, retryAfterMs, { cause: err });
  }
  if (err instanceof HTTPError) return new TemporaryError('discord_unavailable', `Discord answered HTTP ${err.status} to ${what}`, { cause: err });
  if (err instanceof DiscordAPIError) return refusal(err, what);
  if (err instanceof Error && isNetworkError(err)) return new TemporaryError('discord_unreachable', `Discord could not be reached for ${what}: ${err.message}`, { cause: err });
  return err;
}

function refusal(err: DiscordAPIError, what: string): TickcastError {
  if (err.status >= 500) return new TemporaryError('discord_unavailable', `Discord answered HTTP ${err.status} to ${what}`, { cause: err });
  const name = err.status === 401 ? 'discord_unauthorized' : err.status === 403 ? 'discord_missing_access' : err.status === 404 ? 'discord_not_found' : 'discord_refused';
  return new OperationalError(name, `Discord refused ${what}: ${err.message} (Discord error ${String(err.code)}, HTTP ${err.status})`, { cause: err });
}
