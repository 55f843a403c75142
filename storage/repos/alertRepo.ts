import { and, desc, eq, gte, inArray } from 'drizzle-orm';
import type { AlertEvent, AlertRepo, AlertRule } from '../../core/alerts.ts';
import type { Surface } from '../../core/chat.ts';
import type { Db } from '../database.ts';
import { alertEvents, alertRules } from '../schema/index.ts';

/**
 * Alert rules and their firings. Arming is changed only by conditional single-statement updates: of two
 * evaluations that see the same crossing at once, exactly one gets `true` from `disarm`, so the rule fires once.
 */
export function createAlertRepo(db: Db): AlertRepo {
  return {
    async create(rule) {
      const [row] = await db
        .insert(alertRules)
        .values({
          ticker: rule.ticker, kind: rule.condition.kind, condition: rule.condition, surface: rule.channel.surface,
          channelId: rule.channel.channelId, createdBy: rule.createdBy, armed: rule.armed,
        })
        .returning();
      return toRule(row!);
    },

    async find(id) {
      const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id));
      return row ? toRule(row) : null;
    },

    async list(query = {}) {
      const rows = await db
        .select()
        .from(alertRules)
        .where(
          and(
            query.channel ? and(eq(alertRules.surface, query.channel.surface), eq(alertRules.channelId, query.channel.channelId)) : undefined,
            query.ticker ? eq(alertRules.ticker, query.ticker) : undefined,
            query.includeInactive ? undefined : eq(alertRules.active, true),
          ),
        )
        .orderBy(alertRules.id);
      return rows.map(toRule);
    },

    async deactivate(id) {
      const changed = await db.update(alertRules).set({ active: false }).where(and(eq(alertRules.id, id), eq(alertRules.active, true))).returning({ id: alertRules.id });
      return changed.length > 0;
    },

    async disarm(id, at) {
      const changed = await db
        .update(alertRules)
        .set({ armed: false, lastEvaluatedAt: at })
        .where(and(eq(alertRules.id, id), eq(alertRules.armed, true)))
        .returning({ id: alertRules.id });
      return changed.length > 0;
    },

    async rearm(id, at) {
      // A removed rule stays disarmed: re-arming it would only make it fire if it were ever re-activated.
      const changed = await db
        .update(alertRules)
        .set({ armed: true, lastEvaluatedAt: at })
        .where(and(eq(alertRules.id, id), eq(alertRules.armed, false), eq(alertRules.active, true)))
        .returning({ id: alertRules.id });
      return changed.length > 0;
    },

    async touch(ids, at) {
      if (ids.length === 0) return;
      await db.update(alertRules).set({ lastEvaluatedAt: at }).where(inArray(alertRules.id, [...ids]));
    },

    async recordEvent(event) {
      const [row] = await db
        .insert(alertEvents)
        .values({
          ruleId: event.ruleId, ticker: event.ticker, condition: event.condition, surface: event.channel.surface,
          channelId: event.channel.channelId, asOf: event.asOf, value: event.value, detail: event.detail, dedupeKey: event.dedupeKey,
        })
        .onConflictDoNothing({ target: alertEvents.dedupeKey })
        .returning();
      return row ? toEvent(row) : null;
    },

    async events(query = {}) {
      const rows = await db
        .select()
        .from(alertEvents)
        .where(and(query.since ? gte(alertEvents.firedAt, query.since) : undefined, query.ruleId === undefined ? undefined : eq(alertEvents.ruleId, query.ruleId)))
        .orderBy(desc(alertEvents.firedAt), desc(alertEvents.id))
        .limit(query.limit ?? 100);
      return rows.map(toEvent);
    },
  };
}

function toRule(row: typeof alertRules.$inferSelect): AlertRule {
  return {
    id: row.id,
    ticker: row.ticker,
    condition: row.condition,
    channel: { surface: row.surface as Surface, channelId: row.channelId },
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    active: row.active,
    armed: row.armed,
    lastEvaluatedAt: row.lastEvaluatedAt,
  };
}

function toEvent(row: typeof alertEvents.$inferSelect): AlertEvent {
  return {
    id: row.id,
    ruleId: row.ruleId,
    ticker: row.ticker,
    condition: row.condition,
    channel: { surface: row.surface as Surface, channelId: row.channelId },
    asOf: row.asOf,
    value: row.value,
    detail: row.detail,
    firedAt: row.firedAt,
  };
}
