import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { reports } from '../../storage/schema/index.ts';
import { createReportRepo } from '../../storage/repos/reportRepo.ts';
import type { Provenance, ReportFacts } from '../../core/reports.ts';
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

  const provenance: Provenance = {
    generatedAt: '2026-06-12T21:30:00.000Z',
    codeVersion: '0.1.0+abc1234',
    dataSnapshot: [{ ticker: 'AAPL', runId: 7, checksum: 'f'.repeat(64), lastBar: '2026-06-12' }],
    modelVersions: [{ version: 'naive', trainedThrough: null }],
    narrative: { source: 'template', model: null, droppedSentences: 0, fallbackReason: 'OPENAI_API_KEY is not set' },
  };
  const facts: ReportFacts = { reportDate: '2026-06-12', tickers: [], alertsFired: 0, registryChanges: [], champion: null };
  const files = { htmlPath: 'reports/1/report.html', pdfPath: 'reports/1/report.pdf', pdfSha256: 'a'.repeat(64), pages: 5, provenance, facts, modelVersionId: null };

  it('records a report from rendering to rendered, with its provenance and facts', async () => {
    const id = await repo().begin({ reportDate: '2026-06-12', title: 'tickcast daily report', tickers: ['AAPL'] });
    expect(await repo().latest()).toBeNull();
    expect((await repo().find(id))?.status).toBe('rendering');
    await repo().complete(id, files);
    const stored = await repo().find(id);
    expect(stored).toMatchObject({ id, status: 'rendered', pdfPath: files.pdfPath, pages: 5, pdfSha256: files.pdfSha256, narrativeSource: 'template', provenance, facts, error: null, deliveriesQueuedAt: null });
    expect((await repo().latest())?.id).toBe(id);
    // A finished report cannot be completed (or failed) again: its files are what was delivered.
    await expect(repo().complete(id, files)).rejects.toThrow(/not being rendered/);
    await repo().fail(id, 'late failure');
    expect((await repo().find(id))?.status).toBe('rendered');
  });

  it('keeps the reason of a failed render and never offers it as the latest', async () => {
    const id = await repo().begin({ reportDate: '2026-06-12', title: 'tickcast daily report', tickers: ['AAPL'] });
    await repo().fail(id, 'browser_not_found: no Chromium');
    expect(await repo().find(id)).toMatchObject({ status: 'failed', error: 'browser_not_found: no Chromium', pdfPath: null });
    expect(await repo().latest()).toBeNull();
    expect((await repo().list()).map((r) => [r.id, r.status])).toEqual([[id, 'failed']]);
  });

  it('marks deliveries queued once, and only for a rendered report', async () => {
    const id = await repo().begin({ reportDate: '2026-06-12', title: 'tickcast daily report', tickers: ['AAPL'] });
    expect(await repo().markDeliveriesQueued(id, new Date())).toBe(false);
    await repo().complete(id, files);
    expect(await repo().markDeliveriesQueued(id, new Date('2026-06-12T22:00:00Z'))).toBe(true);
    expect(await repo().markDeliveriesQueued(id, new Date())).toBe(false);
    expect((await repo().find(id))?.deliveriesQueuedAt?.toISOString()).toBe('2026-06-12T22:00:00.000Z');
  });

  it('refuses a status outside rendering, rendered and failed', async () => {
    await expect(db().db.insert(reports).values(report('2026-06-12', ['AAPL'], { status: 'done' }))).rejects.toThrow();
  });
});
