import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, createdAt } from './columns.ts';

/** People known to tickcast, by surface id (`slack:U123`, `discord:user:456`), with their role. */
export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name'),
    role: text('role').notNull().default('member'),
    createdAt: createdAt(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('admin', 'member')`)],
);

/** REST API bearer tokens; only a hash is kept, the prefix helps people tell tokens apart. */
export const apiTokens = pgTable('api_tokens', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  scopes: jsonb('scopes').$type<string[]>().notNull().default([]),
  createdBy: text('created_by'),
  createdAt: createdAt(),
  lastUsedAt: at('last_used_at'),
  revokedAt: at('revoked_at'),
});

/** Who did what, when, and how it ended. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    at: createdAt(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target'),
    outcome: text('outcome').notNull(),
    detail: jsonb('detail'),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    check('audit_log_outcome_check', sql`${t.outcome} in ('ok', 'denied', 'failed', 'pending')`),
  ],
);

/** Request and interaction ids already handled: a replayed request is refused instead of run twice. */
export const chatRequests = pgTable(
  'chat_requests',
  {
    key: text('key').primaryKey(),
    seenAt: at('seen_at').notNull().defaultNow(),
  },
  (t) => [index('chat_requests_seen_idx').on(t.seenAt)],
);
