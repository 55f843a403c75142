import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { ALERT_KINDS, type AlertCondition } from '../../core/alerts.ts';
import { SURFACES } from '../../core/chat.ts';
import { SUBSCRIPTION_KINDS } from '../../core/subscriptions.ts';
import { at, createdAt, oneOf } from './columns.ts';

/** Alert rules, posted back to the channel (surface + channel id) they were created in. */
export const alertRules = pgTable(
  'alert_rules',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticker: text('ticker').notNull(),
    /** The condition's kind, repeated as a column so rules can be counted and filtered by kind in SQL. */
    kind: text('kind').notNull(),
    condition: jsonb('condition').$type<AlertCondition>().notNull(),
    surface: text('surface').notNull(),
    channelId: text('channel_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
    active: boolean('active').notNull().default(true),
    /** Fires once per crossing: disarmed when it fires, re-armed when the condition clears. */
    armed: boolean('armed').notNull().default(true),
    lastEvaluatedAt: at('last_evaluated_at'),
  },
  (t) => [
    index('alert_rules_ticker_idx').on(t.ticker),
    index('alert_rules_channel_idx').on(t.surface, t.channelId),
    check('alert_rules_kind_check', oneOf(t.kind, ALERT_KINDS)),
    // The kind column is a copy: it may never disagree with the condition it was taken from.
    check('alert_rules_kind_matches_check', sql`${t.condition} ->> 'kind' = ${t.kind}`),
    check('alert_rules_surface_check', oneOf(t.surface, SURFACES)),
  ],
);

/**
 * A rule that fired, as it was when it fired (the rule may change or go later). Delivery is the outbox's
 * business; the dedupe key makes one crossing one event however often it is evaluated.
 */
export const alertEvents = pgTable(
  'alert_events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ruleId: integer('rule_id').notNull().references(() => alertRules.id, { onDelete: 'cascade' }),
    ticker: text('ticker').notNull(),
    condition: jsonb('condition').$type<AlertCondition>().notNull(),
    surface: text('surface').notNull(),
    channelId: text('channel_id').notNull(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    value: doublePrecision('value'),
    detail: text('detail').notNull(),
    firedAt: at('fired_at').notNull().defaultNow(),
    dedupeKey: text('dedupe_key').notNull(),
  },
  (t) => [
    unique('alert_events_dedupe_uq').on(t.dedupeKey),
    index('alert_events_rule_idx').on(t.ruleId, t.firedAt),
    index('alert_events_fired_idx').on(t.firedAt),
  ],
);

/** Report recipients: email addresses and chat channels. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind').notNull(),
    target: text('target').notNull(),
    tickers: jsonb('tickers').$type<string[]>(),
    active: boolean('active').notNull().default(true),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [unique('subscriptions_target_uq').on(t.kind, t.target), check('subscriptions_kind_check', oneOf(t.kind, SUBSCRIPTION_KINDS))],
);
