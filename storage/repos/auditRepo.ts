import { and, desc, eq } from 'drizzle-orm';
import type { AuditOutcome, AuditRepo, StoredAuditEntry } from '../../core/governance.ts';
import type { Db } from '../database.ts';
import { auditLog } from '../schema/index.ts';

/** The audit log: append-only, read newest first. */
export function createAuditRepo(db: Db): AuditRepo {
  return {
    async record(entry) {
      const [row] = await db
        .insert(auditLog)
        .values({ actor: entry.actor, action: entry.action, target: entry.target, outcome: entry.outcome, detail: entry.detail ?? null })
        .returning();
      return toEntry(row!);
    },

    async list(query = {}) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(and(query.actor ? eq(auditLog.actor, query.actor) : undefined, query.action ? eq(auditLog.action, query.action) : undefined))
        // Ids follow insertion order; two entries in one transaction share `at`.
        .orderBy(desc(auditLog.id))
        .limit(query.limit ?? 100);
      return rows.map(toEntry);
    },
  };
}

function toEntry(row: typeof auditLog.$inferSelect): StoredAuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    outcome: row.outcome as AuditOutcome,
    detail: (row.detail as Record<string, unknown> | null) ?? null,
  };
}
