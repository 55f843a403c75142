import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { reports } from '../../storage/schema/index.ts';
import { createReportRepo } from '../../storage/repos/reportRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

type ReportRow = typeof reports.$inferInsert;
const report = (reportDate: string, tickers: string[], extra: Partial<ReportRow> = {}): ReportRow => ({
  reportDate, title: `Daily ${reportDate}`, tickers, status: 'rendered', htmlPath: `reports/${reportDate}.html`, pdfPath: `reports/${reportDate}.pdf`, pages: 4, ...extra,
});

describe.each(ENGINES)('reports on $name', (engine) => {
  const db = useTestDatabase(engine);
  const repo = () => createReportRepo(db().db);

  beforeEach(async () => {
    await db().rows(sql`truncate reports restart identity`);
  });

  it('finds nothing before a report has rendered', async () => {
    expect(await repo().latest()).toBeNull();
    await db().db.insert(reports).values(report('2026-06-12', ['AAPL'], { status: 'rendering', pdfPath: null }));
    expect(await repo().latest()).toBeNull();
  });

  it('answers the newest rendered PDF, optionally one covering a ticker', async () => {
    await db().db.insert(reports).values([
      report('2026-06-10', ['AAPL', 'MSFT']),
      report('2026-06-11', ['SPY']),
      report('2026-06-12', ['AAPL'], { status: 'failed', pdfPath: null }),
      report('2026-06-12', ['AAPL'], { htmlPath: 'reports/2026-06-12.html', pdfPath: null }),
    ]);
    const latest = await repo().latest();
    expect(latest).toMatchObject({ id: 2, reportDate: '2026-06-11', title: 'Daily 2026-06-11', tickers: ['SPY'], status: 'rendered', pdfPath: 'reports/2026-06-11.pdf', pages: 4 });
    expect(latest!.createdAt).toBeInstanceOf(Date);
    expect((await repo().latest({ ticker: 'AAPL' }))?.id).toBe(1);
    expect((await repo().latest({ ticker: 'MSFT' }))?.id).toBe(1);
    expect(await repo().latest({ ticker: 'TSLA' })).toBeNull();
  });
});
