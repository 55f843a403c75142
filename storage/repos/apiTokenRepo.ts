import { and, asc, eq, isNull } from 'drizzle-orm';
import type { ApiToken, ApiTokenRef, ApiTokenRepo } from '../../core/apiTokens.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../database.ts';
import { apiTokens } from '../schema/index.ts';

/** How stale `last_used_at` may get before a use writes it again. */
const LAST_USED_RESOLUTION_MS = 60_000;

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scopes: apiTokens.scopes,
  createdBy: apiTokens.createdBy,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

/** REST API tokens by hash. The hash column never leaves this file: nothing returned carries it. */
export function createApiTokenRepo(db: Db): ApiTokenRepo {
  return {
    async create(token) {
      const [row] = await db
        .insert(apiTokens)
        .values({ name: token.name, prefix: token.prefix, tokenHash: token.tokenHash, scopes: [...token.scopes], createdBy: token.createdBy })
        .returning(tokenColumns);
      return row!;
    },

    async list() {
      return db.select(tokenColumns).from(apiTokens).orderBy(asc(apiTokens.id));
    },

    async revoke(ref, at = new Date()) {
      const matches = await db.select(tokenColumns).from(apiTokens).where(refWhere(ref)).orderBy(asc(apiTokens.id));
      const live = matches.filter((t) => t.revokedAt === null);
      if (matches.length === 0) throw new UserError('unknown_token', `no token with ${describeRef(ref)}; \`tickcast token list\` shows them`);
      if (live.length > 1) {
        throw new UserError('ambiguous_token', `${live.length} live tokens have ${describeRef(ref)} (ids ${live.map((t) => t.id).join(', ')}); revoke one by id`);
      }
      const target = live[0];
      if (!target) throw alreadyRevoked(matches[0]!);
      // Conditional on still being live: of two revocations at once, one wins and the other is told.
      const [row] = await db
        .update(apiTokens)
        .set({ revokedAt: at })
        .where(and(eq(apiTokens.id, target.id), isNull(apiTokens.revokedAt)))
        .returning(tokenColumns);
      if (!row) throw alreadyRevoked(target);
      return row;
    },

    async authenticate(tokenHash, now = new Date()) {
      const [row] = await db
        .select(tokenColumns)
        .from(apiTokens)
        .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)));
      if (!row) return null;
      if (row.lastUsedAt === null || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
        await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
        return { ...row, lastUsedAt: now };
      }
      return row;
    },
  };
}

function refWhere(ref: ApiTokenRef) {
  return 'id' in ref ? eq(apiTokens.id, ref.id) : eq(apiTokens.prefix, ref.prefix);
}

function describeRef(ref: ApiTokenRef): string {
  return 'id' in ref ? `id ${ref.id}` : `prefix ${ref.prefix}`;
}

function alreadyRevoked(token: ApiToken): UserError {
  return new UserError('token_already_revoked', `token ${token.id} (${token.prefix}, '${token.name}') was already revoked on ${token.revokedAt?.toISOString().slice(0, 10) ?? 'an earlier date'}`);
}
