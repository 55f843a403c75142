import { check, date, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { REPORT_STATES, type Provenance, type ReportFacts } from '../../core/reports.ts';
import { at, createdAt, oneOf } from './columns.ts';
import { modelVersions } from './models.ts';

/** A rendered report: metadata here, files in the data folder. */
export const reports = pgTable('reports', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  reportDate: date('report_date', { mode: 'string' }).notNull(),
  title: text('title').notNull(),
  tickers: jsonb('tickers').$type<string[]>().notNull(),
  /** `rendering` while it is being made, `rendered` once its files are written, `failed` otherwise. */
  status: text('status').notNull().default('rendering'),
  htmlPath: text('html_path'),
  pdfPath: text('pdf_path'),
  pdfSha256: text('pdf_sha256'),
  pages: integer('pages'),
  /** llm or template */
  narrativeSource: text('narrative_source'),
  /** The champion when the report was made (null: none, the forecasts were the random walk's). */
  modelVersionId: integer('model_version_id').references(() => modelVersions.id),
  /** Per ticker: ingestion run, checksum and last bar read (also inside `provenance`, kept here to query). */
  dataSnapshot: jsonb('data_snapshot'),
  /** Everything `Provenance` holds: data snapshot, model versions, code version, generated-at, narrative source. */
  provenance: jsonb('provenance').$type<Provenance>(),
  /** The facts the narrative was written from, as the LLM received them. */
  facts: jsonb('facts').$type<ReportFacts>(),
  createdAt: createdAt(),
  /** When deliveries to subscribers were enqueued (each delivery's outcome is in outbound_messages). */
  deliveriesQueuedAt: at('deliveries_queued_at'),
  error: text('error'),
}, (t) => [
  check('reports_status_check', oneOf(t.status, REPORT_STATES)),
  index('reports_date_idx').on(t.reportDate, t.id),
]);
