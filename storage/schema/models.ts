import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { at, bytea, createdAt } from './columns.ts';
import { instruments } from './market.ts';

/** A trained model bundle: weights, scaler, feature list, training window, data snapshot, metrics. */
export const modelVersions = pgTable('model_versions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** Human name, `v1`, `v2`, … */
  version: text('version').notNull().unique(),
  kind: text('kind').notNull(),
  createdAt: createdAt(),
  createdBy: text('created_by'),
  backend: text('backend'),
  codeVersion: text('code_version'),
  featureList: jsonb('feature_list').$type<string[]>().notNull(),
  scaler: jsonb('scaler'),
  params: jsonb('params'),
  trainFrom: at('train_from'),
  trainTo: at('train_to'),
  /** Ingestion run ids and checksums the model was trained on. */
  dataSnapshot: jsonb('data_snapshot'),
  metrics: jsonb('metrics'),
  weights: bytea('weights'),
  retiredAt: at('retired_at'),
});

/** champion / challenger → a version. */
export const modelAliases = pgTable('model_aliases', {
  alias: text('alias').primaryKey(),
  versionId: integer('version_id').notNull().references(() => modelVersions.id),
  updatedAt: at('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/** Every alias move, so a rollback knows where to go back to. */
export const modelAliasHistory = pgTable('model_alias_history', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  alias: text('alias').notNull(),
  fromVersionId: integer('from_version_id').references(() => modelVersions.id),
  toVersionId: integer('to_version_id').notNull().references(() => modelVersions.id),
  reason: text('reason').notNull(),
  at: createdAt(),
  by: text('by'),
});

/** A promotion waiting for a second admin (two-person rule). */
export const promotionRequests = pgTable(
  'promotion_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer('version_id').notNull().references(() => modelVersions.id),
    requestedBy: text('requested_by').notNull(),
    requestedAt: createdAt(),
    state: text('state').notNull().default('pending'),
    decidedBy: text('decided_by'),
    decidedAt: at('decided_at'),
    metrics: jsonb('metrics'),
  },
  (t) => [check('promotion_requests_state_check', sql`${t.state} in ('pending', 'approved', 'rejected', 'expired')`)],
);

/** A stored forecast: quantile path for the next `horizon` sessions, with the model version that made it. */
export const forecasts = pgTable(
  'forecasts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticker: text('ticker').notNull().references(() => instruments.ticker, { onDelete: 'cascade' }),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    horizon: integer('horizon').notNull(),
    modelVersionId: integer('model_version_id').references(() => modelVersions.id),
    lastClose: doublePrecision('last_close').notNull(),
    /** [{ date, p025, p10, p50, p90, p975 }] */
    points: jsonb('points').notNull(),
    skill: jsonb('skill'),
    edge: boolean('edge').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    unique('forecasts_ticker_asof_uq').on(t.ticker, t.asOf, t.horizon, t.modelVersionId),
    index('forecasts_ticker_idx').on(t.ticker, t.asOf),
  ],
);
