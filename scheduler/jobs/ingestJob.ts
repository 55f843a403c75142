import { ingestAndAlert } from '../../app/ingestAndAlert.ts';
import type { Interval } from '../../core/bars.ts';
import { computeFeatures } from '../../pipeline/features/computeFeatures.ts';
import { planIngest } from '../../pipeline/ingest/planIngest.ts';
import { isTickcastError, oneLine } from '../../core/errors.ts';
import { JobSkipped, type JobContext, type JobSummary } from '../jobContext.ts';

/** Bars the post-ingest feature check looks at: enough for the longest indicator window (SMA 200). */
const FEATURE_CHECK_BARS = 260;
/** An ingestion run still open this long after it started belongs to a process that died. */
const STALE_INGEST_MS = 3600_000;

/**
 * The scheduled ingest of the watchlist from the configured source (Yahoo by default, incremental from the newest
 * stored bar): each series in its own transaction with the quality gate, then the alert rules, then the features of
 * each series that came in are computed over its newest bars as a check that the pipeline's inputs are usable. Fails
 * (and is retried) only when no series came in; a partial failure is in the summary and the logs.
 */
export function ingestJob(interval: Interval): (ctx: JobContext) => Promise<JobSummary> {
  return async (ctx) => {
    const { app } = ctx;
    const interrupted = await app.store.runs.failStale(new Date(ctx.now.getTime() - STALE_INGEST_MS));
    const source = app.config.jobs.ingestSource;
    const watchlist = app.config.tickers;
    // Yahoo is asked for the watchlist; a CSV drop folder (or the sample) is read for whatever of it the folder holds.
    const planned = await planIngest(source === 'yahoo' ? { source, interval, tickers: watchlist } : { source, interval }, { watchlist }).catch((err: unknown) => {
      // A folder without this interval's files (no intraday data, say) has nothing to do: not a failure.
      if (isTickcastError(err) && err.code === 'nothing_to_ingest') throw new JobSkipped(oneLine(err));
      throw err;
    });
    const plan = { ...planned, requests: planned.requests.filter((request) => watchlist.includes(request.ticker)) };
    const notInSource = watchlist.filter((ticker) => !plan.requests.some((request) => request.ticker === ticker));
    if (plan.requests.length === 0) throw new JobSkipped(`no ${interval} series of the watchlist in ${source}`);
    const outcome = await ingestAndAlert(app, plan, {
      onProgress: (p) => {
        // Handed back while running: stop between series (each is its own transaction, so nothing is half-written).
        ctx.signal.throwIfAborted();
        if (p.phase === 'done') void ctx.progress(`${p.ticker}: ${p.outcome?.status ?? 'done'}`, { index: p.index + 1, total: p.total });
      },
    });
    if (outcome.alerts.fired > 0) ctx.delivered();
    const ok = outcome.runs.filter((run) => run.status === 'succeeded');
    const failed = outcome.runs.filter((run) => run.status === 'failed').map((run) => ({ ticker: run.ticker, error: run.error?.message ?? 'failed' }));
    if (ok.length === 0) {
      throw new Error(`nothing was ingested from ${source}: ${failed.map((f) => `${f.ticker}: ${f.error}`).join('; ') || 'no series to load'}`);
    }
    const features: Record<string, { rows: number; last: string | null }> = {};
    for (const run of ok) {
      const bars = await app.store.prices.listBars(run.ticker, run.interval, { last: FEATURE_CHECK_BARS });
      const rows = computeFeatures(bars, { interval: run.interval });
      features[run.ticker] = { rows: rows.length, last: rows.at(-1)?.date ?? null };
    }
    if (failed.length > 0) app.logger.warn({ failed }, 'scheduled ingest: some series failed');
    if (interval === '1d') await ctx.enqueue('forecast-daily');
    return {
      source,
      interval,
      ingested: ok.map((run) => run.ticker),
      failed,
      ...(notInSource.length > 0 ? { notInSource } : {}),
      barsAdded: ok.reduce((n, run) => n + run.added, 0),
      barsUpdated: ok.reduce((n, run) => n + run.updated, 0),
      alertsFired: outcome.alerts.fired,
      features,
      ...(interrupted > 0 ? { interruptedRunsClosed: interrupted } : {}),
    };
  };
}
