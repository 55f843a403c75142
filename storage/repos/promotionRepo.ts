import { and, asc, eq, getTableColumns, sql, type SQL } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import type { PromotionRepo, PromotionRequest, PromotionState } from '../../core/governance.ts';
import type { Db } from '../database.ts';
import { modelVersions, promotionRequests } from '../schema/index.ts';

const TWO_PERSON_CHECK = 'promotion_requests_two_person_check';

/**
 * Promotion requests waiting for a second admin. A decision is a conditional update of a pending request, so of
 * two admins deciding at once exactly one wins; the database refuses an approval by the requester itself.
 */
export function createPromotionRepo(db: Db): PromotionRepo {
  async function select(where: SQL): Promise<PromotionRequest[]> {
    const rows = await db
      .select({ ...getTableColumns(promotionRequests), version: modelVersions.version })
      .from(promotionRequests)
      .innerJoin(modelVersions, eq(modelVersions.id, promotionRequests.versionId))
      .where(where)
      .orderBy(asc(promotionRequests.id));
    return rows.map(toRequest);
  }

  async function find(id: number): Promise<PromotionRequest | null> {
    return (await select(eq(promotionRequests.id, id)))[0] ?? null;
  }

  return {
    async create(request) {
      const [target] = await db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.version, request.version));
      if (!target) throw new UserError('unknown_model_version', `unknown model version ${request.version}`);
      const [row] = await db
        .insert(promotionRequests)
        .values({ versionId: target.id, requestedBy: request.requestedBy, comparison: request.comparison })
        .returning();
      return toRequest({ ...row!, version: request.version });
    },

    find,

    pending: () => select(eq(promotionRequests.state, 'pending')),

    async decide(id, state, by) {
      let decided: { id: number }[];
      try {
        decided = await db
          .update(promotionRequests)
          .set({ state, decidedBy: by, decidedAt: sql`now()` })
          .where(and(eq(promotionRequests.id, id), eq(promotionRequests.state, 'pending')))
          .returning({ id: promotionRequests.id });
      } catch (err) {
        throw describeTwoPersonViolation(err) ?? err;
      }
      // A decided request never changes again, so reading it back cannot race.
      return decided.length > 0 ? find(id) : null;
    },
  };
}

function toRequest(row: typeof promotionRequests.$inferSelect & { version: string }): PromotionRequest {
  return {
    id: row.id,
    version: row.version,
    requestedBy: row.requestedBy,
    requestedAt: row.requestedAt,
    state: row.state as PromotionState,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    comparison: row.comparison,
  };
}

/** The check constraint's violation, as the user error it is: the requester tried to approve their own request. */
function describeTwoPersonViolation(err: unknown): UserError | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const { code, constraint, constraint_name: constraintName } = e as { code?: string; constraint?: string; constraint_name?: string };
    if (code === '23514' && (constraint ?? constraintName) === TWO_PERSON_CHECK) {
      return new UserError('two_person_rule', 'a promotion must be approved by an admin other than the one who requested it', { cause: err });
    }
  }
  return null;
}
