import { forecastAndAlert } from '../../app/forecastAndAlert.ts';
import type { JobContext, JobSummary } from '../jobContext.ts';
import { retrainReasons } from '../retrainReasons.ts';

/** The horizon of the daily forecasts: the report's and chat's default. */
const DAILY_HORIZON = 5;
/** Signals read per check: a few per watchlist ticker is plenty for "the newest of each". */
const SIGNALS_READ = 500;

/**
 * The daily forecast of every watchlist ticker with data, from the newest close, through the same path as chat and
 * the command line (stored, then the ticker's probability alerts checked). Then the champion's drift and calibration
 * signals are checked, and a retrain is asked for when they cross their thresholds (at most one such retrain a week:
 * its instance is named after the week).
 */
export async function forecastJob(ctx: JobContext): Promise<JobSummary> {
  const { app } = ctx;
  const forecasts: Record<string, { asOf: string; model: string; edge: boolean }> = {};
  const failed: { ticker: string; error: string }[] = [];
  const missing: string[] = [];
  for (const ticker of app.config.tickers) {
    if (!(await app.store.prices.lastBarTime(ticker, '1d'))) {
      missing.push(ticker);
      continue;
    }
    try {
      const { forecast, fired } = await forecastAndAlert(app, ticker, DAILY_HORIZON, new Date());
      if (fired.length > 0) ctx.delivered();
      forecasts[ticker] = { asOf: forecast.asOf, model: forecast.modelVersion, edge: forecast.edge };
      await ctx.progress(`forecast ${ticker}`);
    } catch (err) {
      failed.push({ ticker, error: (err as Error).message });
    }
  }
  const done = Object.keys(forecasts).length;
  if (done === 0 && failed.length > 0) throw new Error(`no forecast could be made: ${failed.map((f) => `${f.ticker}: ${f.error}`).join('; ')}`);
  if (done === 0) return { forecasts, missing, note: 'no watchlist ticker has data yet' };

  const champion = await app.store.models.resolve('champion');
  const reasons = champion
    ? retrainReasons(await app.store.signals.latest(champion.version, { limit: SIGNALS_READ }), {
      driftPsi: app.config.jobs.retrainDriftPsi,
      coverageGap: app.config.jobs.retrainCoverageGap,
    })
    : [];
  if (reasons.length > 0) {
    app.logger.warn({ champion: champion?.version, reasons }, 'monitoring signals crossed their thresholds: asking for a retrain');
    await ctx.enqueue('retrain', { trigger: 'signal', reason: reasons.join('; ') });
  }
  return { forecasts, failed, missing, retrainAskedFor: reasons };
}
