import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { at, createdAt } from './columns.ts';

/** Alert rules, posted back to the channel (surface + channel id) they were created in. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticker: text('ticker'),
    /** price_above, price_below, pct_move, forecast_prob, anomaly, quality */
    kind: text('kind').notNull(),
    params: jsonb('params').notNull(),
    surface: text('surface').notNull(),
    channelId: text('channel_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    active: boolean('active').notNull().default(true),
    /** Fires once per crossing: disarmed when it fires, re-armed when the condition clears. */
    armed: boolean('armed').notNull().default(true),
    lastEvaluatedAt: at('last_evaluated_at'),
  },
  (t) => [index('alert_rules_ticker_idx').on(t.ticker)],
);

/** A fired alert and its delivery; the dedupe key makes a crossing deliver exactly once. */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ruleId: integer('rule_id').notNull().references(() => alertRules.id, { onDelete: 'cascade' }),
    dedupeKey: text('dedupe_key').notNull(),
    firedAt: createdAt(),
    payload: jsonb('payload').notNull(),
    deliveryState: text('delivery_state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at'),
    deliveredAt: at('delivered_at'),
    lastError: text('last_error'),
  },
  (t) => [
    unique('alert_events_dedupe_uq').on(t.dedupeKey),
    index('alert_events_delivery_idx').on(t.deliveryState, t.nextAttemptAt),
    check('alert_events_state_check', sql`${t.deliveryState} in ('pending', 'sending', 'delivered', 'failed')`),
  ],
);

/** Report recipients: email addresses and chat channels. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** email, slack, discord */
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    tickers: jsonb('tickers').$type<string[]>(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [unique('subscriptions_target_uq').on(t.kind, t.target)],
);
