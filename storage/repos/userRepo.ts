import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Role, UserRepo } from '../../core/governance.ts';
import type { Db } from '../database.ts';
import { users } from '../schema/index.ts';

/** Roles kept in the database; admins named in configuration are the caller's business, not stored here. */
export function createUserRepo(db: Db): UserRepo {
  return {
    async roleOf(ids) {
      if (ids.length === 0) return 'member';
      const [admin] = await db
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, [...ids]), eq(users.role, 'admin')))
        .limit(1);
      return admin ? 'admin' : 'member';
    },

    async setRole(id, role, displayName) {
      // An omitted display name keeps the one on record; null clears it.
      const set = displayName === undefined ? { role } : { role, displayName };
      await db
        .insert(users)
        .values({ id, role, displayName: displayName ?? null })
        .onConflictDoUpdate({ target: users.id, set });
    },

    async list() {
      const rows = await db.select().from(users).orderBy(asc(users.id));
      return rows.map((row) => ({ ...row, role: row.role as Role }));
    },
  };
}
