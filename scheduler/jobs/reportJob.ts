import { createReportService } from '../../app/reportService.ts';
import { enqueueReportDeliveries, reportDeliveryStates } from '../../reports/reportDeliveries.ts';
import { discardPartialReport } from '../../reports/storeReport.ts';
import { newYorkDate } from '../marketClock.ts';
import type { JobContext, JobSummary } from '../jobContext.ts';
import { JobSkipped } from '../jobContext.ts';

/** Reports looked through for one already made today. */
const RECENT_REPORTS = 20;

/**
 * The trading morning's report: the watchlist as of its newest closes, rendered to PDF and stored, then
 * enqueued once to every subscriber (email, Slack and Discord channels) in one transaction. A report made this
 * morning whose deliveries were already queued (an earlier attempt got that far before its process died) is not
 * made again, so a crash never sends subscribers two copies.
 */
export async function reportJob(ctx: JobContext): Promise<JobSummary> {
  const { app } = ctx;
  const today = newYorkDate(ctx.now);
  // A render takes seconds; one still `rendering` after two lock lifetimes belongs to a process that died.
  const interrupted = await app.store.reports.failStale(new Date(ctx.now.getTime() - 2 * app.config.jobs.lockMs));
  for (const id of interrupted) await discardPartialReport(app.config.database.dataDir, id);
  for (const report of await app.store.reports.list({ limit: RECENT_REPORTS })) {
    if (report.status !== 'rendered' || newYorkDate(report.createdAt) !== today) continue;
    const record = await app.store.reports.find(report.id);
    if (record?.deliveriesQueuedAt) throw new JobSkipped(`this morning's report (#${report.id}, ${report.reportDate}) was already made and sent`);
  }

  const service = createReportService(app, { onEnqueued: () => ctx.delivered() });
  try {
    await ctx.progress(`report for ${app.config.tickers.join(', ')}`);
    const made = await service.make({ tickers: app.config.tickers });
    const queued = await enqueueReportDeliveries(app.store, made.record, made.document, ['email', 'slack', 'discord'], new Date());
    if (queued.recipients.length > 0) ctx.delivered();
    const deliveries = await reportDeliveryStates(app.store, made.record.id);
    return {
      report: made.record.id,
      date: made.record.reportDate,
      pages: made.record.pages,
      narrative: made.document.narrative.source,
      deliveries: deliveries.length,
      ...(interrupted.length > 0 ? { interruptedReports: interrupted } : {}),
    };
  } finally {
    await service.close();
  }
}
