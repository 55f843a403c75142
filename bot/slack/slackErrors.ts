import { webApi } from '@slack/bolt';
import { OperationalError, RateLimitedError, TemporaryError, UserError, type TickcastError } from '../../core/errors.ts';

/**
 * Slack Web API failures as tickcast's error classes, so the outbox knows what to do next: a 429 waits for its
 * Retry-After, a hiccup is retried with backoff, anything else is permanent. Permanent errors keep Slack's error
 * code (`not_in_channel`) in the message and in `code` (`slack_not_in_channel`).
 */

/** Slack answers these with `ok: false` when the fault is on its side: worth another try. */
const TEMPORARY_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited', 'rate_limited', 'team_added_to_org']);

/** The channel is the problem: someone in it can fix that by inviting the app (or the channel is gone). */
const CHANNEL_ERRORS: Record<string, string> = {
  channel_not_found: 'the channel does not exist or the app cannot see it',
  not_in_channel: 'the app is not a member of the channel; invite it with /invite @tickcast',
  is_archived: 'the channel is archived',
  restricted_action: 'the workspace does not let the app post there',
  cannot_reply_to_message: 'the message cannot be replied to',
};

/** The installation is the problem: an admin must fix the token or the app's scopes. */
const INSTALLATION_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'not_allowed_token_type', 'ekm_access_denied', 'org_login_required', 'team_access_not_granted']);

function isCoded(err: unknown): err is { code: string } {
  return typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string';
}

/** `what` names the call for the message, e.g. `chat.postMessage`. */
export function toTickcastError(err: unknown, what: string): TickcastError {
  if (err instanceof webApi.WebAPIRateLimitedError || (isCoded(err) && err.code === webApi.ErrorCode.RateLimitedError)) {
    const seconds = Number((err as { retryAfter?: unknown }).retryAfter);
    const ms = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
    return new RateLimitedError(`Slack rate limited ${what}; retry after ${ms / 1000} s`, ms, { cause: err });
  }
  if (err instanceof webApi.WebAPIPlatformError) {
    const code = err.data.error;
    if (TEMPORARY_PLATFORM_ERRORS.has(code)) return new TemporaryError(`slack_${code}`, `Slack failed ${what}: ${code}`, { cause: err });
    const channelProblem = CHANNEL_ERRORS[code];
    if (channelProblem) return new UserError(`slack_${code}`, `Slack refused ${what}: ${code} (${channelProblem})`, { cause: err });
    if (INSTALLATION_ERRORS.has(code)) return new OperationalError(`slack_${code}`, `Slack refused ${what}: ${code}; check SLACK_BOT_TOKEN and the app's scopes`, { cause: err });
    return new OperationalError(`slack_${code}`, `Slack refused ${what}: ${code}`, { cause: err });
  }
  if (err instanceof webApi.WebAPIHTTPError) {
    const status = err.statusCode;
    if (status >= 500 || status === 408) return new TemporaryError('slack_http_error', `Slack answered ${what} with HTTP ${status}`, { cause: err });
    return new OperationalError('slack_http_error', `Slack answered ${what} with HTTP ${status}`, { cause: err });
  }
  if (err instanceof webApi.WebAPIRequestError || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) {
    const detail = err instanceof webApi.WebAPIRequestError ? err.original.message : err.message;
    return new TemporaryError('slack_unreachable', `could not reach Slack for ${what}: ${detail}`, { cause: err });
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new OperationalError('slack_failed', `${what} failed: ${detail}`, { cause: err });
}

/** The Slack error code of a platform error (`not_in_channel`), or null for any other failure. */
export function slackErrorCode(err: unknown): string | null {
  return err instanceof webApi.WebAPIPlatformError ? err.data.error : null;
}
