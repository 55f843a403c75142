import { and, desc, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { ReportInfo, ReportRecord, ReportRepo } from '../../core/reports.ts';
import type { Db } from '../database.ts';
import { reports } from '../schema/index.ts';

/** A report whose files are written; `rendering` and `failed` rows are not worth pointing anyone at. */
const RENDERED = 'rendered';
const RENDERING = 'rendering';
const DEFAULT_LIST = 50;

/** Report metadata; the files themselves live in the data folder, at the paths recorded here. */
export function createReportRepo(db: Db): ReportRepo {
  return {
    async begin(report) {
      const [row] = await db
        .insert(reports)
        .values({ reportDate: report.reportDate, title: report.title, tickers: report.tickers, status: RENDERING })
        .returning({ id: reports.id });
      return row!.id;
    },

    async complete(id, files) {
      const done = await db
        .update(reports)
        .set({
          status: RENDERED,
          htmlPath: files.htmlPath,
          pdfPath: files.pdfPath,
          pdfSha256: files.pdfSha256,
          pages: files.pages,
          narrativeSource: files.provenance.narrative.source,
          modelVersionId: files.modelVersionId,
          dataSnapshot: files.provenance.dataSnapshot,
          provenance: files.provenance,
          facts: files.facts,
          error: null,
        })
        .where(and(eq(reports.id, id), eq(reports.status, RENDERING)))
        .returning({ id: reports.id });
      if (done.length === 0) throw new Error(`report ${id} is not being rendered; it cannot be completed`);
    },

    async fail(id, error) {
      await db.update(reports).set({ status: 'failed', error }).where(and(eq(reports.id, id), eq(reports.status, RENDERING)));
    },

    async failStale(before) {
      const failed = await db
        .update(reports)
        .set({ status: 'failed', error: 'interrupted: the process rendering it stopped before it finished' })
        .where(and(eq(reports.status, RENDERING), lt(reports.createdAt, before)))
        .returning({ id: reports.id });
      return failed.map((row) => row.id);
    },

    async markDeliveriesQueued(id, at) {
      const marked = await db
        .update(reports)
        .set({ deliveriesQueuedAt: at })
        .where(and(eq(reports.id, id), eq(reports.status, RENDERED), isNull(reports.deliveriesQueuedAt)))
        .returning({ id: reports.id });
      return marked.length > 0;
    },

    async find(id) {
      const [row] = await db.select().from(reports).where(eq(reports.id, id)).limit(1);
      return row ? toRecord(row) : null;
    },

    async list(query = {}) {
      const rows = await db.select().from(reports).orderBy(desc(reports.id)).limit(query.limit ?? DEFAULT_LIST);
      return rows.map(toInfo);
    },

    async latest(query = {}) {
      const [row] = await db
        .select()
        .from(reports)
        .where(
          and(
            eq(reports.status, RENDERED),
            isNotNull(reports.pdfPath),
            query.ticker ? sql`${reports.tickers} @> ${JSON.stringify([query.ticker])}::jsonb` : undefined,
          ),
        )
        .orderBy(desc(reports.reportDate), desc(reports.id))
        .limit(1);
      return row ? toInfo(row) : null;
    },
  };
}

function toInfo(row: typeof reports.$inferSelect): ReportInfo {
  return {
    id: row.id,
    reportDate: row.reportDate,
    title: row.title,
    tickers: row.tickers,
    status: row.status,
    htmlPath: row.htmlPath,
    pdfPath: row.pdfPath,
    pages: row.pages,
    createdAt: row.createdAt,
  };
}

function toRecord(row: typeof reports.$inferSelect): ReportRecord {
  return {
    ...toInfo(row),
    pdfSha256: row.pdfSha256,
    narrativeSource: row.narrativeSource,
    provenance: row.provenance,
    facts: row.facts,
    deliveriesQueuedAt: row.deliveriesQueuedAt,
    error: row.error,
  };
}
