import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, unique } from 'drizzle-orm/pg-core';
import { DELIVERY_STATES, DELIVERY_SURFACES, type OutboundBody } from '../../core/outbox.ts';
import { at, createdAt, oneOf } from './columns.ts';

/**
 * The outbound queue: one row per message tickcast posts on its own. Times that schedule delivery
 * (next_attempt_at, lease_until) come from the delivery worker's clock; created_at and delivered_at are the
 * database's record of when things happened.
 */
export const outboundMessages = pgTable(
  'outbound_messages',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    surface: text('surface').notNull(),
    channelId: text('channel_id').notNull(),
    /** JSON: the alert event's `firedAt` is stored as an ISO string and revived by the repository. */
    body: jsonb('body').$type<OutboundBody>().notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** While `sending`: when the claim runs out and the attempt counts as cut off. */
    leaseUntil: at('lease_until'),
    createdAt: createdAt(),
    deliveredAt: at('delivered_at'),
    externalId: text('external_id'),
    lastError: text('last_error'),
  },
  (t) => [
    unique('outbound_messages_dedupe_uq').on(t.dedupeKey),
    index('outbound_messages_state_idx').on(t.state, t.nextAttemptAt),
    // A claim looks for the oldest waiting message of one channel; delivered and failed rows are history.
    index('outbound_messages_waiting_idx').on(t.surface, t.channelId, t.id).where(sql`${t.state} in ('pending', 'sending')`),
    check('outbound_messages_state_check', oneOf(t.state, DELIVERY_STATES)),
    check('outbound_messages_surface_check', oneOf(t.surface, DELIVERY_SURFACES)),
  ],
);

/**
 * One row per channel ever posted to: the channel's pacing and its lock. A claim holds the row (FOR UPDATE) while
 * it picks a message, and pushes `free_at` past the lease so no other worker sends to the channel meanwhile.
 * No foreign key from the messages: its key-share lock would make claimers skip a channel while any transaction
 * that enqueued to it is still open.
 */
export const outboundChannels = pgTable(
  'outbound_channels',
  {
    surface: text('surface').notNull(),
    channelId: text('channel_id').notNull(),
    /** A channel never posted to is free since forever, whatever clock the worker keeps. */
    freeAt: at('free_at').notNull().default(sql`to_timestamp(0)`),
  },
  (t) => [primaryKey({ name: 'outbound_channels_pkey', columns: [t.surface, t.channelId] })],
);
