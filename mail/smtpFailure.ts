import { OperationalError, TemporaryError, UserError, oneLine, type TickcastError } from '../core/errors.ts';

/** Where SMTP_URL points, for error messages: `host:port`, never the credentials. */
export interface SmtpEndpoint {
  host: string;
  port: number;
  label: string;
  /** The password in the URL, scrubbed from any text an error carries out. */
  password: string | null;
}

/** What nodemailer attaches to its errors (see its `NodemailerError`). */
interface SmtpErrorFields {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  timeoutType?: string;
}

/**
 * Failures of the connection rather than answers of the server: nodemailer's own codes, and the system codes it keeps
 * as `originalCode` (or that reach us unwrapped). All are worth retrying; the outbox bounds how often.
 */
const CONNECTION_CODES = new Set([
  'ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND',
]);

/** Parses SMTP_URL; a URL that is not `smtp:` or `smtps:` is refused without repeating it (it may hold a password). */
export function smtpEndpoint(smtpUrl: string): SmtpEndpoint {
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new OperationalError('smtp_url_invalid', 'SMTP_URL is not a URL; expected smtp://user:password@host:port or smtps://…');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new OperationalError('smtp_url_invalid', `SMTP_URL must start with smtp:// or smtps://, not ${url.protocol}//`);
  }
  // nodemailer's defaults: localhost, and 465 for implicit TLS, 587 otherwise.
  const host = url.hostname || 'localhost';
  const port = Number(url.port) || (url.protocol === 'smtps:' ? 465 : 587);
  const password = url.password ? decodeURIComponent(url.password) : null;
  // URL.hostname keeps an IPv6 address in its brackets already: `[::1]:2525`.
  return { host, port, label: `${host}:${port}`, password };
}

/**
 * What the outbox should do about a failed SMTP exchange: a 4xx reply or a broken connection is a `TemporaryError`
 * (retried with backoff); a 5xx reply is permanent: a rejected recipient is the subscriber's address (`UserError`),
 * anything else (authentication, a refused message) needs an admin (`OperationalError`). 503 is nodemailer's and
 * RFC 5321's exception: a bad command sequence, which a fresh connection does not repeat.
 */
export function smtpFailure(err: unknown, endpoint: SmtpEndpoint, doing: string): TickcastError {
  const fields = (typeof err === 'object' && err !== null ? err : {}) as SmtpErrorFields;
  const detail = scrub(oneLine(err), endpoint);
  const options = { cause: err };
  const reply = fields.responseCode;
  if (reply !== undefined && reply >= 400 && reply < 600) {
    const said = `the SMTP server at ${endpoint.label} answered ${fields.command ? `${fields.command} ` : ''}with ${scrub(fields.response ?? String(reply), endpoint)}`;
    if (reply < 500 || reply === 503) return new TemporaryError('smtp_deferred', `${doing}: ${said}`, options);
    if (fields.code === 'EAUTH') return new OperationalError('smtp_auth_failed', `${doing}: ${said}; check the user and password in SMTP_URL`, options);
    if (fields.command?.startsWith('RCPT')) return new UserError('email_recipient_rejected', `${doing}: ${said}`, options);
    return new OperationalError('smtp_rejected', `${doing}: ${said}`, options);
  }
  const code = [fields.originalCode, fields.code].find((c) => c !== undefined && CONNECTION_CODES.has(c));
  if (code !== undefined) {
    const what = fields.timeoutType ? `${code} ${fields.timeoutType.toLowerCase().replace(/_/g, ' ')}` : code;
    return new TemporaryError('smtp_unreachable', `${doing}: could not talk to the SMTP server at ${endpoint.label} (${what}): ${detail}`, options);
  }
  if (fields.code === 'ENOAUTH' || fields.code === 'EAUTH') {
    return new OperationalError('smtp_auth_failed', `${doing}: the SMTP server at ${endpoint.label} needs credentials: ${detail}`, options);
  }
  return new OperationalError('smtp_failed', `${doing}: sending through the SMTP server at ${endpoint.label} failed: ${detail}`, options);
}

/**
 * Belt and braces: nodemailer's messages hold no credentials today; this keeps it that way for ours. A password of
 * a few characters is left alone: blanking every `ab` in a message would garble it and say which letters it holds.
 */
function scrub(text: string, endpoint: SmtpEndpoint): string {
  const { password } = endpoint;
  if (!password || password.length < 4) return text;
  return [password, encodeURIComponent(password)].reduce((clean, secret) => clean.split(secret).join('***'), text);
}
