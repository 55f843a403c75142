import { evaluateAlerts } from '../alerts/evaluateAlerts.ts';
import { ingest, type IngestProgress } from '../pipeline/ingest/ingest.ts';
import type { SeriesOutcome } from '../pipeline/ingest/ingestSeries.ts';
import type { IngestPlan } from '../pipeline/ingest/planIngest.ts';
import type { App } from './wiring.ts';

export interface IngestAndAlertOutcome {
  runs: SeriesOutcome[];
  alerts: { checked: number; fired: number; rearmed: number };
}

/**
 * Load a plan's series (each in its own transaction, the quality gate after each), then check the alert rules of
 * the tickers that came in; fired alerts wait in the outbox. The command line and the scheduled ingests both come
 * through here, so no new bars skip the rules.
 */
export async function ingestAndAlert(app: App, plan: IngestPlan, options: { onProgress?: (p: IngestProgress) => void; now?: () => Date } = {}): Promise<IngestAndAlertOutcome> {
  const now = options.now ?? (() => new Date());
  const loaded = await ingest(plan.source, plan.requests, { store: app.store, onProgress: options.onProgress, now, telemetry: app.telemetry });
  const tickers = [...new Set(loaded.runs.filter((run) => run.status === 'succeeded').map((run) => run.ticker))];
  const alerts = tickers.length > 0 ? await evaluateAlerts(app.store, { tickers, trigger: 'ingest' }, now()) : null;
  return { runs: loaded.runs, alerts: { checked: alerts?.checked ?? 0, fired: alerts?.fired.length ?? 0, rearmed: alerts?.rearmed.length ?? 0 } };
}
