import { date, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { at, createdAt } from './columns.ts';
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
  modelVersionId: integer('model_version_id').references(() => modelVersions.id),
  dataSnapshot: jsonb('data_snapshot'),
  createdAt: createdAt(),
  emailedAt: at('emailed_at'),
  error: text('error'),
});
