import { QUANTILE_LEVELS } from '../core/forecast.ts';
import { UserError } from '../core/errors.ts';
import { fitCalibration, NO_CALIBRATION } from './calibration.ts';
import type { ModelConfig } from './modelConfig.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import type { EpochReport, FitResult, NetworkFactory } from './network.ts';
import { QuantileModel } from './quantileModel.ts';
import { assembleSamples, fitScaler, type Origin } from './samples.ts';
import { canForecastFrom, hasRealisedTargets, type SeriesFrame } from './seriesFrame.ts';

/** Fewer training windows than this is not a model worth keeping. */
export const MIN_TRAINING_SAMPLES = 500;

export interface TrainOptions {
  /** Last session whose close training may read, `YYYY-MM-DD`; every target ends on or before it. */
  trainTo: string;
  factory: NetworkFactory;
  onEpoch?: (report: EpochReport) => void;
  signal?: AbortSignal;
}

export interface TrainedModel {
  model: QuantileModel;
  fit: FitResult;
  /** First and last origin of the fitting windows, and the held-out calibration window. */
  fitFrom: string;
  fitTo: string;
  calibrationFrom: string;
  calibrationTo: string;
  fitSamples: number;
  calibrationSamples: number;
  /** The origins the network was fitted on (for reference distributions). */
  fitOrigins: Origin[];
}

/** Origins whose window is complete and whose every target is realised on or before `trainTo`. */
function trainableOrigins(frames: readonly SeriesFrame[], config: ModelConfig, trainTo: string): Origin[] {
  const origins: Origin[] = [];
  for (const frame of frames) {
    for (let origin = config.windowLength - 1; origin + config.horizons < frame.rows; origin++) {
      if (frame.dates[origin + config.horizons]! > trainTo) break;
      if (canForecastFrom(frame, origin, config.windowLength) && hasRealisedTargets(frame, origin, config.horizons)) {
        origins.push({ frame, origin });
      }
    }
  }
  return origins;
}

/**
 * Splits by date: the last `calibrationSessions` origin dates are held out; fitting origins must have all their
 * targets realised before the held-out window starts (an embargo of `horizons` sessions), so no fitted target
 * overlaps a held-out one.
 */
function splitByDate(origins: readonly Origin[], config: ModelConfig): { fit: Origin[]; held: Origin[] } {
  const dates = [...new Set(origins.map(({ frame, origin }) => frame.dates[origin]!))].sort();
  const heldFrom = dates[Math.max(0, dates.length - config.calibrationSessions)]!;
  const fit: Origin[] = [];
  const held: Origin[] = [];
  for (const entry of origins) {
    const { frame, origin } = entry;
    if (frame.dates[origin]! >= heldFrom) held.push(entry);
    else if (frame.dates[origin + config.horizons]! < heldFrom) fit.push(entry);
  }
  return { fit: fit.filter((_, i) => i % config.originStride === 0), held };
}

function dateSpan(origins: readonly Origin[]): [string, string] {
  const dates = origins.map(({ frame, origin }) => frame.dates[origin]!).sort();
  return [dates[0]!, dates.at(-1)!];
}

/**
 * Trains one global model on every frame's history up to `trainTo`: z-score scaler on the fitting rows, quantile
 * LSTM with early stopping on the held-out window, then conformal calibration on that same window.
 */
export async function trainModel(frames: readonly SeriesFrame[], config: ModelConfig, options: TrainOptions): Promise<TrainedModel> {
  const { fit: fitOrigins, held } = splitByDate(trainableOrigins(frames, config, options.trainTo), config);
  if (fitOrigins.length < MIN_TRAINING_SAMPLES || held.length < 20) {
    throw new UserError(
      'too_little_history',
      `Too little history to train up to ${options.trainTo}: ${fitOrigins.length} training windows and ${held.length} held-out ` +
        `(need ${MIN_TRAINING_SAMPLES} and 20; each window needs ${config.windowLength} sessions after the features' 200-session warm-up).`,
    );
  }
  const scaler = fitScaler(fitOrigins, config.windowLength);
  const train = assembleSamples(fitOrigins, config.windowLength, scaler, config.horizons);
  const validation = assembleSamples(held, config.windowLength, scaler, config.horizons);
  const network = options.factory.create(
    { windowLength: config.windowLength, inputCount: MODEL_INPUTS.length, hidden: config.hidden, targetCount: config.horizons, quantiles: QUANTILE_LEVELS },
    config.seed,
  );
  try {
    const fit = await network.fit(train, {
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      seed: config.seed,
      patience: config.patience,
      validation,
      onEpoch: options.onEpoch,
      signal: options.signal,
    });
    const uncalibrated = new QuantileModel(network, scaler, NO_CALIBRATION(config.horizons), config);
    const raw = uncalibrated.predictWindows(validation.x, validation.count);
    const calibration = fitCalibration(raw, validation.y, validation.count, config.horizons);
    const [fitFrom, fitTo] = dateSpan(fitOrigins);
    const [calibrationFrom, calibrationTo] = dateSpan(held);
    return {
      model: new QuantileModel(network, scaler, calibration, config),
      fit,
      fitFrom,
      fitTo,
      calibrationFrom,
      calibrationTo,
      fitSamples: train.count,
      calibrationSamples: validation.count,
      fitOrigins,
    };
  } catch (err) {
    network.dispose();
    throw err;
  }
}
