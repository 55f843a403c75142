import { hashApiToken, type ApiScope, type ApiToken, type ApiTokenRepo } from '../core/apiTokens.ts';
import { ApiError } from './apiError.ts';

const REALM = 'tickcast';
/** `Bearer <token68>` (RFC 6750 §2.1); the scheme is case-insensitive. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/**
 * The token an `Authorization` header presents, looked up by its hash, or a 401/403 that says what is wrong. The
 * answers follow RFC 6750: a missing or malformed header gets a bare challenge, a token that names no live one
 * `invalid_token`, a token without the endpoint's scope `insufficient_scope`.
 */
export async function authenticateBearer(header: string | undefined, tokens: ApiTokenRepo, scope: ApiScope): Promise<ApiToken> {
  const challenge = (extra = '') => ({ 'www-authenticate': `Bearer realm="${REALM}"${extra}` });
  if (header === undefined || header.trim() === '') {
    throw new ApiError(401, 'unauthorized', 'send `Authorization: Bearer <token>`; `tickcast token create NAME` makes a token', challenge());
  }
  const presented = BEARER.exec(header)?.[1];
  if (presented === undefined) {
    throw new ApiError(401, 'unauthorized', 'the Authorization header must be `Bearer <token>`', challenge());
  }
  const token = await tokens.authenticate(hashApiToken(presented));
  if (!token) {
    throw new ApiError(401, 'invalid_token', 'the token is unknown or revoked', challenge(', error="invalid_token"'));
  }
  if (!token.scopes.includes(scope)) {
    throw new ApiError(403, 'insufficient_scope', `the token lacks the '${scope}' scope`, challenge(`, error="insufficient_scope", scope="${scope}"`));
  }
  return token;
}
