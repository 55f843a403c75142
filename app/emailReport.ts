import { startOutboxWorker } from '../alerts/outboxWorker.ts';
import type { ChatTransport, OutboundMessage } from '../core/outbox.ts';
import type { ReportDocument, ReportRecord } from '../core/reports.ts';
import { enqueueReportDeliveries, reportDeliveryStates } from '../reports/reportDeliveries.ts';
import type { App } from './wiring.ts';

const SETTLE_CHECK_MS = 50;

export interface EmailOutcome {
  /** False when the report had been sent before: nothing was enqueued again. */
  queued: boolean;
  deliveries: OutboundMessage[];
}

/**
 * `tickcast report --email`: the report to every email subscriber, now. The copies are enqueued in one transaction
 * (all or none), then this process makes one attempt at each and reports where each stands: delivered, failed for
 * good (a bad address, with the server's reply), or waiting for a retry that the running service (`tickcast start`)
 * makes. Nothing is lost when this process exits: what did not go out is still in the outbox.
 */
export async function emailReport(app: App, record: ReportRecord, document: ReportDocument, transport: ChatTransport, options: { timeoutMs?: number } = {}): Promise<EmailOutcome> {
  const { queued } = await enqueueReportDeliveries(app.store, record, document, ['email'], new Date());
  if (!queued) return { queued, deliveries: await reportDeliveryStates(app.store, record.id) };
  const worker = startOutboxWorker({ store: app.store, transports: [transport], logger: app.logger, leaseMs: app.config.outbox.leaseMs, minGapMs: 0 });
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  try {
    for (;;) {
      const deliveries = await reportDeliveryStates(app.store, record.id);
      const settled = deliveries.every((d) => d.state === 'delivered' || d.state === 'failed' || (d.state === 'pending' && d.attempts > 0));
      if (settled || Date.now() >= deadline) return { queued, deliveries };
      await new Promise((resolve) => setTimeout(resolve, SETTLE_CHECK_MS));
    }
  } finally {
    await worker.stop();
  }
}
