import type { DeliverySurface, OutboundMessage } from '../core/outbox.ts';
import type { Store } from '../core/ports.ts';
import type { ReportDelivery, ReportDocument, ReportRecord } from '../core/reports.ts';
import type { Subscription, SubscriptionKind } from '../core/subscriptions.ts';

/** Each subscriber's copy of report `id` is one outbox message under this key prefix. */
function deliveryKeyPrefix(reportId: number): string {
  return `report:${reportId}:`;
}

/** What a delivery carries: the narrative and the overview's watchlist, and where the PDF is. */
export function reportDelivery(record: ReportRecord, document: ReportDocument): ReportDelivery {
  if (!record.pdfPath) throw new Error(`report ${record.id} has no PDF to deliver`);
  return {
    reportId: record.id,
    reportDate: record.reportDate,
    title: record.title,
    tickers: record.tickers,
    pdfPath: record.pdfPath,
    summary: document.narrative.paragraphs,
    watchlist: document.watchlist,
  };
}

export interface QueuedDeliveries {
  /** False when this report's deliveries had been enqueued before: nobody gets it twice. */
  queued: boolean;
  recipients: Subscription[];
}

/**
 * Enqueues the report for every active subscriber of the given kinds whose tickers it covers, in one transaction
 * with marking the report's deliveries queued: either every subscriber is in the outbox or none is, and a second
 * call adds nobody. Each copy is then delivered (and retried, or failed with its reason) on its own.
 */
export async function enqueueReportDeliveries(store: Store, record: ReportRecord, document: ReportDocument, kinds: readonly SubscriptionKind[], now: Date): Promise<QueuedDeliveries> {
  const delivery = reportDelivery(record, document);
  return store.transaction(async (repos) => {
    const subscribers = (await repos.subscriptions.list()).filter((s) => kinds.includes(s.kind) && covers(s, record.tickers));
    if (!(await repos.reports.markDeliveriesQueued(record.id, now))) return { queued: false, recipients: subscribers };
    for (const s of subscribers) {
      await repos.outbox.enqueue({ channel: { surface: s.kind as DeliverySurface, channelId: s.target }, body: { kind: 'report', report: delivery }, dedupeKey: `${deliveryKeyPrefix(record.id)}${s.kind}:${s.target}` });
    }
    return { queued: true, recipients: subscribers };
  });
}

/** A subscription to some tickers gets a report covering at least one of them; one to the whole watchlist, every report. */
function covers(subscription: Subscription, tickers: readonly string[]): boolean {
  return subscription.tickers === null || subscription.tickers.some((t) => tickers.includes(t));
}

/** Where each of a report's deliveries stands. */
export async function reportDeliveryStates(store: Store, reportId: number): Promise<OutboundMessage[]> {
  return store.outbox.list({ keyPrefix: deliveryKeyPrefix(reportId), limit: 10_000 });
}
