import { and, asc, eq, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Subscription, SubscriptionKind, SubscriptionRepo } from '../../core/subscriptions.ts';
import type { Db } from '../database.ts';
import { subscriptions } from '../schema/index.ts';

/**
 * Report recipients, one row per (kind, target) ever subscribed. Unsubscribing deactivates the row, so
 * subscribing again re-activates it: it then counts as created anew, by whoever subscribed this time.
 */
export function createSubscriptionRepo(db: Db): SubscriptionRepo {
  return {
    async add(subscription) {
      // The row as it was before this statement: the upsert's RETURNING only sees the row as it is after.
      const prior = db.$with('prior').as(
        db
          .select({ wasActive: subscriptions.active })
          .from(subscriptions)
          .where(and(eq(subscriptions.kind, subscription.kind), eq(subscriptions.target, subscription.target))),
      );
      const keepIfActive = (column: AnyPgColumn) => sql`case when ${subscriptions.active} then ${column} else excluded.${sql.identifier(column.name)} end`;
      const [row] = await db
        .with(prior)
        .insert(subscriptions)
        .values({ kind: subscription.kind, target: subscription.target, tickers: subscription.tickers, createdBy: subscription.createdBy })
        .onConflictDoUpdate({
          target: [subscriptions.kind, subscriptions.target],
          set: { tickers: sql`excluded.tickers`, active: true, createdBy: keepIfActive(subscriptions.createdBy), createdAt: keepIfActive(subscriptions.createdAt) },
        })
        .returning({ ...subscriptionColumns, wasActive: sql<boolean>`coalesce((select ${prior.wasActive} from ${prior}), false)` });
      const { wasActive, ...stored } = row!;
      return { subscription: toSubscription(stored), created: !wasActive };
    },

    async remove(kind, target) {
      const removed = await db
        .update(subscriptions)
        .set({ active: false })
        .where(and(eq(subscriptions.kind, kind), eq(subscriptions.target, target), eq(subscriptions.active, true)))
        .returning({ id: subscriptions.id });
      return removed.length > 0;
    },

    async list(query = {}) {
      const rows = await db
        .select()
        .from(subscriptions)
        .where(and(query.kind ? eq(subscriptions.kind, query.kind) : undefined, query.includeInactive ? undefined : eq(subscriptions.active, true)))
        .orderBy(asc(subscriptions.id));
      return rows.map(toSubscription);
    },
  };
}

const subscriptionColumns = {
  id: subscriptions.id,
  kind: subscriptions.kind,
  target: subscriptions.target,
  tickers: subscriptions.tickers,
  active: subscriptions.active,
  createdBy: subscriptions.createdBy,
  createdAt: subscriptions.createdAt,
};

function toSubscription(row: typeof subscriptions.$inferSelect): Subscription {
  return { ...row, kind: row.kind as SubscriptionKind };
}
