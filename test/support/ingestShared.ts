import type { App } from '../../app/wiring.ts';
import { ingest } from '../../pipeline/ingest/ingest.ts';
import { planIngest } from '../../pipeline/ingest/planIngest.ts';
import { DAILY_DIR } from './sharedData.ts';

/**
 * Load the shared daily files of `tickers` into the app's store through the real pipeline (quality gate included);
 * on a failure the app is closed before the error goes on, so a harness that could not be built leaks nothing.
 */
export async function ingestSharedOrClose(app: App, tickers: readonly string[]): Promise<void> {
  try {
    if (tickers.length === 0) return;
    const plan = await planIngest({ source: `csv:${DAILY_DIR}`, tickers: [...tickers] }, { watchlist: [...tickers] });
    await ingest(plan.source, plan.requests, { store: app.store });
  } catch (err) {
    await app.close();
    throw err;
  }
}
