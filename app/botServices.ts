import { jobsStatus } from '../scheduler/jobsStatus.ts';
import { forecastAndAlert } from './forecastAndAlert.ts';
import { retrainerFor } from './retrainerFor.ts';
import type { App } from './wiring.ts';
import { unknownTicker } from '../core/errors.ts';
import type { Forecast } from '../core/forecast.ts';
import { NAIVE_MODEL } from '../model/forecastService.ts';
import type { BotServices } from '../bot/services.ts';

/** Distinct forecasts kept in memory; each is a few kilobytes. */
const MEMO_ENTRIES = 256;

export interface BotServiceOptions {
  /** Called after a forecast's alert evaluation enqueued deliveries, to wake the outbox worker. */
  onEnqueued?: () => void;
  now?: () => Date;
  /** How a chat retrain runs: on the job queue when a scheduler is there (`tickcast start`), else in this process. */
  retrain?: BotServices['retrain'];
}

/**
 * The services chat commands use, over the app's store and models. A forecast depends only on the data snapshot
 * and the champion, so answers are memoised on those: a channel asking `/forecast AAPL` a hundred times a morning
 * costs one model run, and concurrent askers share it.
 */
export function createBotServices(app: App, options: BotServiceOptions = {}): BotServices {
  const now = options.now ?? (() => new Date());
  const memo = new Map<string, Promise<Forecast>>();

  async function snapshotKey(ticker: string, horizon: number): Promise<string> {
    const [lastBar, run, champion] = await Promise.all([
      app.store.prices.lastBarTime(ticker, '1d'),
      app.store.runs.latestSucceeded(ticker, '1d'),
      app.store.models.resolve('champion'),
    ]);
    if (!lastBar) throw unknownTicker(ticker);
    return [ticker, horizon, champion?.id ?? NAIVE_MODEL, run?.id ?? 'none', lastBar.toISOString()].join('|');
  }

  async function freshForecast(ticker: string, horizon: number): Promise<Forecast> {
    const { forecast, fired } = await forecastAndAlert(app, ticker, horizon, now());
    if (fired.length > 0) options.onEnqueued?.();
    return forecast;
  }

  return {
    store: app.store,
    async forecast(ticker, horizon) {
      const key = await snapshotKey(ticker, horizon);
      let entry = memo.get(key);
      if (!entry) {
        entry = freshForecast(ticker, horizon);
        memo.set(key, entry);
        // A failure is not remembered: the next ask tries again.
        entry.catch(() => memo.delete(key));
        if (memo.size > MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
      }
      return entry;
    },
    retrain: options.retrain ?? retrainerFor(app),
    gate: app.config.model.gate,
    admins: app.config.admins,
    dataDir: app.config.database.dataDir,
    now,
    jobs: () => jobsStatus(app.store, app.config),
  };
}
