import { createHash, randomBytes } from 'node:crypto';
import { UserError } from './errors.ts';

/**
 * Bearer tokens for the REST API. A token is shown once, when it is made; only its SHA-256 hash is kept, so a copy
 * of the database lets no one in. The first characters (the prefix) are kept in clear to tell tokens apart.
 */

/** What a token may do; every endpoint names the scope it needs. */
export const API_SCOPES = ['read'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

/** Every token starts with this, so a leaked one is recognisable (secret scanners match on it). */
export const API_TOKEN_MARK = 'tc_';
/** `tc_` and seven characters of the random part: 42 bits, enough to tell a person's tokens apart. */
export const API_TOKEN_PREFIX_LENGTH = 10;
const RANDOM_BYTES = 32;
const MAX_NAME_LENGTH = 100;

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** A token by its id or by its prefix, as people name it on the command line. */
export type ApiTokenRef = { id: number } | { prefix: string };

export interface ApiTokenRepo {
  create(token: { name: string; prefix: string; tokenHash: string; scopes: readonly ApiScope[]; createdBy: string | null }): Promise<ApiToken>;
  /** Every token, revoked ones included, oldest first. */
  list(): Promise<ApiToken[]>;
  /**
   * Revoke one token; it stops working at once. Throws a `UserError` (`unknown_token`, `token_already_revoked`,
   * `ambiguous_token`) and changes nothing when the ref does not name exactly one live token.
   */
  revoke(ref: ApiTokenRef, at?: Date): Promise<ApiToken>;
  /**
   * The live token with this hash, or null when there is none (never made, or revoked). Records the use in
   * `lastUsedAt`, at most once a minute per token so a busy client does not write on every request.
   */
  authenticate(tokenHash: string, now?: Date): Promise<ApiToken | null>;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token with the parts the repository keeps. */
export function generateApiToken(): { token: string; prefix: string; tokenHash: string } {
  const token = `${API_TOKEN_MARK}${randomBytes(RANDOM_BYTES).toString('base64url')}`;
  return { token, prefix: token.slice(0, API_TOKEN_PREFIX_LENGTH), tokenHash: hashApiToken(token) };
}

/** `12` is an id, `tc_AbCdEfG` a prefix; anything else names no token. */
export function parseApiTokenRef(raw: string): ApiTokenRef {
  const text = raw.trim();
  if (/^\d{1,9}$/.test(text)) return { id: Number(text) };
  if (text.startsWith(API_TOKEN_MARK) && text.length >= API_TOKEN_PREFIX_LENGTH) return { prefix: text.slice(0, API_TOKEN_PREFIX_LENGTH) };
  throw new UserError('unknown_token', `'${raw}' names no token: give its id (\`tickcast token list\`) or its prefix (${API_TOKEN_MARK}…, ${API_TOKEN_PREFIX_LENGTH} characters)`);
}

export function checkApiTokenName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw new UserError('bad_token_name', 'a token needs a name saying who or what uses it, e.g. `grafana` or `ci-nightly`');
  if (name.length > MAX_NAME_LENGTH || /[\p{Cc}]/u.test(name)) {
    throw new UserError('bad_token_name', `a token name is one line of at most ${MAX_NAME_LENGTH} characters`);
  }
  return name;
}

export function checkApiScopes(raw: readonly string[]): ApiScope[] {
  const scopes = [...new Set(raw.map((s) => s.trim()).filter(Boolean))];
  if (scopes.length === 0) throw new UserError('bad_scope', `give at least one scope: ${API_SCOPES.join(', ')}`);
  const unknown = scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UserError('bad_scope', `unknown scope ${unknown.map((s) => `'${s}'`).join(', ')}; scopes are ${API_SCOPES.join(', ')}`);
  return scopes as ApiScope[];
}

/** Make a token: checks the request, stores the hash, and returns the token itself, the only time it exists in clear. */
export async function issueApiToken(
  tokens: ApiTokenRepo,
  request: { name: string; scopes: readonly string[]; createdBy: string | null },
): Promise<{ token: string; record: ApiToken }> {
  const name = checkApiTokenName(request.name);
  const scopes = checkApiScopes(request.scopes);
  const { token, prefix, tokenHash } = generateApiToken();
  const record = await tokens.create({ name, prefix, tokenHash, scopes, createdBy: request.createdBy });
  return { token, record };
}
