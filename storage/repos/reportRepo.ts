import { and, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { ReportInfo, ReportRepo } from '../../core/reports.ts';
import type { Db } from '../database.ts';
import { reports } from '../schema/index.ts';

/** A report whose files are written; `rendering` and `failed` rows are not worth pointing anyone at. */
const RENDERED = 'rendered';

/** Report metadata; the files themselves live in the data folder, at the paths recorded here. */
export function createReportRepo(db: Db): ReportRepo {
  return {
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
