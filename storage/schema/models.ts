import { sql } from 'drizzle-orm';
import {
  boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, unique, type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { Driver, ForecastPoint, Skill } from '../../core/forecast.ts';
import type { PromotionComparison } from '../../core/governance.ts';
import type { InputReference, InputScaler, ModelBundle, VersionMetrics } from '../../core/model.ts';
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
  backend: text('backend').notNull(),
  codeVersion: text('code_version').notNull(),
  featureList: jsonb('feature_list').$type<string[]>().notNull(),
  scaler: jsonb('scaler').$type<InputScaler>().notNull(),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  trainFrom: at('train_from').notNull(),
  trainTo: at('train_to').notNull(),
  /** Ingestion run ids and checksums the model was trained on. */
  dataSnapshot: jsonb('data_snapshot').$type<ModelBundle['dataSnapshot']>().notNull(),
  metrics: jsonb('metrics').$type<VersionMetrics>(),
  /** Per-input distribution over the training rows, the baseline of drift checks. */
  inputReference: jsonb('input_reference').$type<InputReference[]>().notNull().default([]),
  weights: bytea('weights').notNull(),
  retiredAt: at('retired_at'),
});

/** champion / challenger → a version. */
export const modelAliases = pgTable(
  'model_aliases',
  {
    alias: text('alias').primaryKey(),
    versionId: integer('version_id').notNull().references(() => modelVersions.id),
    updatedAt: at('updated_at').notNull().defaultNow(),
    updatedBy: text('updated_by'),
  },
  (t) => [check('model_aliases_alias_check', sql`${t.alias} in ('champion', 'challenger')`)],
);

/**
 * Every alias move, so a rollback knows where to go back to. A rollback row names the move it undid
 * (`undoes_id`); the moves not undone form the stack a rollback pops, and a move can be undone only once.
 */
export const modelAliasHistory = pgTable(
  'model_alias_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    alias: text('alias').notNull(),
    fromVersionId: integer('from_version_id').references(() => modelVersions.id),
    toVersionId: integer('to_version_id').notNull().references(() => modelVersions.id),
    reason: text('reason').notNull(),
    undoesId: integer('undoes_id').references((): AnyPgColumn => modelAliasHistory.id),
    at: createdAt(),
    by: text('by'),
  },
  (t) => [unique('model_alias_history_undoes_uq').on(t.undoesId), index('model_alias_history_alias_idx').on(t.alias, t.id)],
);

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
    /** Candidate vs champion vs the random walk, as shown to the admins asked to approve. */
    comparison: jsonb('comparison').$type<PromotionComparison>(),
  },
  (t) => [
    check('promotion_requests_state_check', sql`${t.state} in ('pending', 'approved', 'rejected', 'expired')`),
    // The two-person rule, kept by the database too: nobody approves their own request.
    check('promotion_requests_two_person_check', sql`${t.state} <> 'approved' or (${t.decidedBy} is not null and ${t.decidedBy} <> ${t.requestedBy})`),
  ],
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
    /** What the user is shown: [{ date, p025, p10, p50, p90, p975 }] */
    points: jsonb('points').$type<ForecastPoint[]>().notNull(),
    skill: jsonb('skill').$type<Skill>(),
    edge: boolean('edge').notNull().default(false),
    /** The model's own path, the top drivers and why the answer is (or is not) the model's. */
    detail: jsonb('detail').$type<{ modelPoints: ForecastPoint[]; drivers: Driver[]; edgeReason: string }>(),
    createdAt: createdAt(),
  },
  (t) => [
    // A forecast made without a model version (null) still has one row per ticker, date and horizon.
    unique('forecasts_ticker_asof_uq').on(t.ticker, t.asOf, t.horizon, t.modelVersionId).nullsNotDistinct(),
    index('forecasts_ticker_idx').on(t.ticker, t.asOf),
  ],
);

/** What a version noticed day by day: input drift, live calibration, bar anomalies, forecast drivers. */
export const modelSignals = pgTable(
  'model_signals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    versionId: integer('version_id').notNull().references(() => modelVersions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** Null for a signal about the whole version rather than one ticker. */
    ticker: text('ticker'),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    value: jsonb('value').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One signal per version, kind, ticker and day; a whole-version signal (null ticker) is unique too.
    unique('model_signals_key_uq').on(t.versionId, t.kind, t.ticker, t.asOf).nullsNotDistinct(),
    index('model_signals_version_idx').on(t.versionId, t.asOf),
    check('model_signals_kind_check', sql`${t.kind} in ('drift', 'calibration', 'anomaly', 'importance')`),
  ],
);
