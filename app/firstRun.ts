import { forecastAndAlert } from './forecastAndAlert.ts';
import { createReportService } from './reportService.ts';
import { retrainerFor } from './retrainerFor.ts';
import { seedIfEmpty, type SeedResult } from './seedIfEmpty.ts';
import type { App } from './wiring.ts';
import { generateApiToken } from '../core/apiTokens.ts';
import { oneLine } from '../core/errors.ts';

export interface FirstRunResult {
  seed: SeedResult;
  /** The version trained, or why none was. */
  model: { version: string; champion: boolean; seconds: number } | { error: string };
  forecasts: { ticker: string; asOf: string; edge: boolean }[];
  /** The report rendered, or why none was (no browser, say). */
  report: { id: number; pdfPath: string; pages: number | null } | { error: string };
  /**
   * A read token for the REST API, made so that the newcomer can ask the running service for a forecast at once (the
   * embedded database serves one process, so `tickcast token create` must wait until the service stops). Shown once.
   */
  apiToken: string;
}

/** Epoch notes during the first training, at most this often. */
const EPOCH_NOTE_MS = 10_000;

/**
 * What `tickcast start` does on an empty database, so a newcomer has something real to look at within minutes: load
 * data (the watchlist from Yahoo, or the bundled sample offline), train a first model on it, forecast every ticker
 * that came in, and render the first report. Each step after the data may fail (no browser, too little history)
 * without stopping the service: the result says what happened, and the schedules take over from there.
 */
export async function firstRun(app: App, say: (line: string) => void): Promise<FirstRunResult | null> {
  if ((await app.store.prices.countBars()) > 0) return null;
  say('First run: loading market data…');
  const seed = await seedIfEmpty(app, { onProgress: (p) => p.phase === 'done' && say(`  ${p.ticker}: ${p.outcome?.status === 'succeeded' ? `${p.outcome.added} bars` : `failed (${p.outcome?.error?.message ?? 'unknown'})`}`) });
  say(seed.source === 'yahoo' ? 'Loaded the watchlist from Yahoo Finance.' : `Yahoo Finance is unreachable (${seed.fallbackReason}), so tickcast loaded its bundled sample instead: S&P 500 (^GSPC) daily bars 2000-2020.`);
  const tickers = [...new Set(seed.runs.filter((run) => run.status === 'succeeded').map((run) => run.ticker))];
  const apiToken = await firstApiToken(app);
  if (tickers.length === 0) {
    return { seed, model: { error: 'no data came in' }, forecasts: [], report: { error: 'no data came in' }, apiToken };
  }

  say(`Training a first model on ${tickers.join(', ')} (walk-forward judgement, then the final fit; a few minutes on 2 cores)…`);
  const model = await trainFirst(app, say);
  if ('error' in model) say(`  training did not finish: ${model.error}; forecasts use the random walk until a model passes the gate`);
  else say(`  ${model.version} trained in ${model.seconds} s${model.champion ? ', and is champion' : ' (challenger: it did not beat the baselines, so forecasts stay on the random walk)'}`);

  const forecasts: FirstRunResult['forecasts'] = [];
  for (const ticker of tickers) {
    try {
      const { forecast } = await forecastAndAlert(app, ticker, 5, new Date());
      forecasts.push({ ticker, asOf: forecast.asOf, edge: forecast.edge });
      say(`Forecast ${ticker} from the close of ${forecast.asOf}: ${forecast.edge ? 'the model' : 'random walk + volatility (no edge shown)'}`);
    } catch (err) {
      say(`Forecast ${ticker} failed: ${oneLine(err)}`);
    }
  }

  say('Rendering the first report…');
  let report: FirstRunResult['report'];
  try {
    const service = createReportService(app);
    try {
      const made = await service.make({ tickers });
      report = { id: made.record.id, pdfPath: made.record.pdfPath ?? '', pages: made.record.pages };
    } finally {
      await service.close();
    }
  } catch (err) {
    report = { error: oneLine(err) };
    say(`  no report: ${report.error}`);
  }
  return { seed, model, forecasts, report, apiToken };
}

async function trainFirst(app: App, say: (line: string) => void): Promise<FirstRunResult['model']> {
  try {
    const outcome = await retrainerFor(app, { noteEveryMs: EPOCH_NOTE_MS })('first-run', async (note) => say(`  ${note}`));
    return { version: outcome.version, champion: outcome.becameChampion, seconds: outcome.seconds };
  } catch (err) {
    return { error: oneLine(err) };
  }
}

async function firstApiToken(app: App): Promise<string> {
  const { token, prefix, tokenHash } = generateApiToken();
  await app.store.apiTokens.create({ name: 'first-run', prefix, tokenHash, scopes: ['read'], createdBy: 'first-run' });
  return token;
}
