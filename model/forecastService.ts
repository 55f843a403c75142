import { MAX_HORIZON, QUANTILE_KEYS, QUANTILE_LEVELS, type Forecast } from '../core/forecast.ts';
import { UserError } from '../core/errors.ts';
import type { StoredModel } from '../core/model.ts';
import type { Store } from '../core/ports.ts';
import { rwVolQuantiles } from './evaluation/index.ts';
import { pricePoints } from './forecastPoints.ts';
import { loadFrame } from './loadFrames.ts';
import type { ModelCache } from './modelCache.ts';
import { DEFAULT_MODEL_CONFIG } from './modelConfig.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import { anomalySignal, calibrationSignal, driftSignal, importanceSignal } from './modelSignals.ts';
import { permutationImportance } from './monitoring/index.ts';
import type { NetworkFactory } from './network.ts';
import type { QuantileModel } from './quantileModel.ts';
import { writeWindow } from './samples.ts';
import { canForecastFrom, type SeriesFrame } from './seriesFrame.ts';
import { judgeEdge, noSkill, versionSkill } from './versionSkill.ts';

const Q = QUANTILE_LEVELS.length;
/** Stored forecasts the live calibration looks back over. */
export const LIVE_CALIBRATION_FORECASTS = 100;
/** The name shown as the model when no version has passed the gate: the random walk itself. */
export const NAIVE_MODEL = 'naive';

export interface ForecastDeps {
  store: Store;
  factory: () => Promise<NetworkFactory>;
  cache: ModelCache;
}

/** The last real row on or before `asOf` (`YYYY-MM-DD`; default: the newest), if a window can end there; else -1. */
function lastForecastableRow(frame: SeriesFrame, windowLength: number, asOf?: string): number {
  for (let origin = frame.rows - 1; origin >= 0; origin--) {
    if (asOf !== undefined && frame.dates[origin]! > asOf) continue;
    if (frame.real[origin]) return canForecastFrom(frame, origin, windowLength) ? origin : -1;
  }
  return -1;
}

function tooLittleHistory(frame: SeriesFrame, windowLength: number): UserError {
  const usable = frame.defined.reduce((sum, flag) => sum + flag, 0);
  return new UserError(
    'too_little_history',
    `${frame.ticker} has too little clean history to forecast: ${frame.rows} sessions, ${usable} with every input defined; ` +
      `a forecast needs the 200-session feature warm-up plus a ${windowLength}-session window ending on the last real bar.`,
  );
}

function randomWalkPoints(frame: SeriesFrame, origin: number, horizon: number) {
  return pricePoints(frame.close[origin]!, frame.dates[origin]!, horizon, (h) => {
    const set = rwVolQuantiles(0, frame.sigma[origin]!, h);
    return QUANTILE_KEYS.map((key) => set[key]);
  });
}

export interface ForecastOptions {
  /**
   * Forecast from the last close on or before this session (`YYYY-MM-DD`) instead of the newest: a report for a
   * past date. Such a forecast is not stored, so it never counts towards the live calibration of the version.
   */
  asOf?: string;
}

/**
 * `tickcast forecast TICKER`: the champion's quantile path for the next `horizon` sessions from the last real
 * close, with its recent walk-forward skill. Where it shows no edge (or there is no champion yet) the answer is the
 * random walk + volatility path, and says so. The forecast and its monitoring signals are stored.
 */
export async function forecastTicker(ticker: string, horizon: number, deps: ForecastDeps, options: ForecastOptions = {}): Promise<Forecast> {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new UserError('bad_horizon', `horizon ${horizon} is outside 1..${MAX_HORIZON} sessions`);
  }
  const { frame } = await loadFrame(deps.store, ticker);
  const champion = await deps.store.models.find('champion');
  if (!champion) return naiveForecast(frame, horizon, deps, options.asOf);
  const model = deps.cache.get(champion, await deps.factory());
  const origin = lastForecastableRow(frame, model.config.windowLength, options.asOf);
  if (origin < 0) throw tooLittleHistory(frame, model.config.windowLength);
  if (horizon > model.config.horizons) throw new UserError('bad_horizon', `model ${champion.version} forecasts at most ${model.config.horizons} sessions ahead`);

  const quantiles = model.predictReturns([{ frame, origin }]);
  const modelPoints = pricePoints(frame.close[origin]!, frame.dates[origin]!, horizon, (h) => quantiles.subarray((h - 1) * Q, h * Q));
  const skill = versionSkill(champion.metrics, ticker);
  const { edge, reason } = judgeEdge(skill);
  const forecast: Forecast = {
    ticker,
    asOf: frame.dates[origin]!,
    horizon,
    modelVersion: champion.version,
    lastClose: frame.close[origin]!,
    points: edge ? modelPoints : randomWalkPoints(frame, origin, horizon),
    modelPoints,
    skill,
    edge,
    edgeReason: reason,
    drivers: drivers(model, frame, origin),
  };
  if (isNewest(frame, origin)) await record(forecast, champion, frame, origin, deps.store);
  return forecast;
}

/** Whether `origin` is the series' last real session (a forecast from an earlier one is a look back, not news). */
function isNewest(frame: SeriesFrame, origin: number): boolean {
  for (let i = frame.rows - 1; i > origin; i--) if (frame.real[i]) return false;
  return true;
}

/** Sessions of the ticker's own history whose inputs serve as replacement values when scrambling an input. */
const BACKGROUND_SESSIONS = 250;

/** Top three inputs by how much scrambling each (over the window) moves the one-session median. */
function drivers(model: QuantileModel, frame: SeriesFrame, origin: number) {
  const span = Math.min(BACKGROUND_SESSIONS, origin + 1);
  const background = new Float32Array(span * MODEL_INPUTS.length);
  writeWindow(frame, origin, span, model.scaler, background, 0);
  const median = QUANTILE_LEVELS.indexOf(0.5);
  const predictMedian = (x: Float32Array, count: number) => {
    const raw = model.predictWindows(x, count);
    return Array.from({ length: count }, (_, n) => raw[n * model.config.horizons * Q + median]!);
  };
  return permutationImportance(predictMedian, model.windows([{ frame, origin }]), model.config.windowLength, MODEL_INPUTS.length, MODEL_INPUTS, {
    background,
    repeats: 5,
    topK: 3,
    seed: 7,
  });
}

async function record(forecast: Forecast, champion: StoredModel, frame: SeriesFrame, origin: number, store: Store): Promise<void> {
  const earlier = await store.forecasts.recent({ ticker: forecast.ticker, version: champion.version, limit: LIVE_CALIBRATION_FORECASTS });
  await store.transaction(async (repos) => {
    await repos.forecasts.save(forecast, champion.id);
    await repos.signals.record(champion.version, [
      driftSignal(frame, origin, champion.reference),
      anomalySignal(frame, origin),
      importanceSignal(frame, origin, forecast.drivers),
      calibrationSignal(frame, origin, earlier),
    ]);
  });
}

async function naiveForecast(frame: SeriesFrame, horizon: number, deps: ForecastDeps, asOf?: string): Promise<Forecast> {
  const origin = lastForecastableRow(frame, DEFAULT_MODEL_CONFIG.windowLength, asOf);
  if (origin < 0) throw tooLittleHistory(frame, DEFAULT_MODEL_CONFIG.windowLength);
  const points = randomWalkPoints(frame, origin, horizon);
  const forecast: Forecast = {
    ticker: frame.ticker,
    asOf: frame.dates[origin]!,
    horizon,
    modelVersion: NAIVE_MODEL,
    lastClose: frame.close[origin]!,
    points,
    modelPoints: points,
    skill: noSkill('no model has passed the gate'),
    edge: false,
    edgeReason: 'No model has passed the promotion gate yet (train one with `tickcast train`); showing the random walk + volatility interval.',
    drivers: [],
  };
  if (isNewest(frame, origin)) await deps.store.forecasts.save(forecast, null);
  return forecast;
}
