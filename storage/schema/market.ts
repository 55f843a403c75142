import { sql } from 'drizzle-orm';
import {
  bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text,
} from 'drizzle-orm/pg-core';
import { at, createdAt } from './columns.ts';

/** Instruments known to tickcast; bars, forecasts and alerts refer to them by ticker. */
export const instruments = pgTable('instruments', {
  ticker: text('ticker').primaryKey(),
  name: text('name'),
  exchange: text('exchange'),
  currency: text('currency').notNull().default('USD'),
  kind: text('kind'),
  /** False when the quality gate found blocking problems; the reason says which. */
  publishable: boolean('publishable').notNull().default(true),
  unpublishableReason: text('unpublishable_reason'),
  createdAt: createdAt(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

/** One row per ingestion of one ticker and interval: the provenance ("data snapshot") later reports cite. */
export const ingestionRuns = pgTable(
  'ingestion_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ticker: text('ticker').notNull(),
    interval: text('interval').notNull(),
    /** `yahoo`, `csv:<file>`, `sample:<name>`. */
    source: text('source').notNull(),
    rangeFrom: at('range_from'),
    rangeTo: at('range_to'),
    startedAt: at('started_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
    status: text('status').notNull().default('running'),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsAdded: integer('rows_added').notNull().default(0),
    rowsUpdated: integer('rows_updated').notNull().default(0),
    /** sha256 over the normalised bars of this run, so two runs over the same data share a checksum. */
    checksum: text('checksum'),
    error: text('error'),
  },
  (t) => [
    index('ingestion_runs_ticker_idx').on(t.ticker, t.interval, t.startedAt),
    check('ingestion_runs_status_check', sql`${t.status} in ('running', 'succeeded', 'failed')`),
  ],
);

/** Daily and intraday bars in one table keyed on (ticker, interval, ts); daily bars sit at 00:00 UTC of the session. */
export const bars = pgTable(
  'bars',
  {
    // No foreign key to instruments: a per-row check costs a quarter of bulk-load throughput. The repository
    // writes the instrument row in the same transaction as its bars instead.
    ticker: text('ticker').notNull(),
    interval: text('interval').notNull(),
    ts: at('ts').notNull(),
    open: doublePrecision('open').notNull(),
    high: doublePrecision('high').notNull(),
    low: doublePrecision('low').notNull(),
    close: doublePrecision('close').notNull(),
    adjClose: doublePrecision('adj_close'),
    volume: bigint('volume', { mode: 'number' }).notNull(),
    /** The ingestion run that last wrote this row. */
    runId: integer('run_id'),
  },
  (t) => [
    primaryKey({ name: 'bars_pkey', columns: [t.ticker, t.interval, t.ts] }),
    check('bars_interval_check', sql`${t.interval} in ('1d', '1h', '5m', '1m')`),
  ],
);

/** What the quality gate found, with a severity; `blocking` findings make an instrument unpublishable. */
export const qualityFindings = pgTable(
  'quality_findings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    runId: integer('run_id').references(() => ingestionRuns.id, { onDelete: 'set null' }),
    ticker: text('ticker').notNull(),
    interval: text('interval').notNull(),
    /** The bar (or session) the finding is about; null for whole-series findings such as staleness. */
    ts: at('ts'),
    kind: text('kind').notNull(),
    severity: text('severity').notNull(),
    detail: text('detail').notNull(),
    data: jsonb('data'),
    createdAt: createdAt(),
  },
  (t) => [
    index('quality_findings_ticker_idx').on(t.ticker, t.interval, t.ts),
    check('quality_findings_severity_check', sql`${t.severity} in ('info', 'warning', 'blocking')`),
  ],
);
