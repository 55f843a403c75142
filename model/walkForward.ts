import { QUANTILE_LEVELS } from '../core/forecast.ts';
import type { EvaluationRow } from '../core/model.ts';
import { UserError } from '../core/errors.ts';
import { previousSession } from '../pipeline/calendar/index.ts';
import { evaluateRecords, type ForecastRecord } from './evaluateRecords.ts';
import type { ModelConfig } from './modelConfig.ts';
import type { EpochReport, FitResult, NetworkFactory } from './network.ts';
import type { Origin } from './samples.ts';
import { canForecastFrom, hasRealisedTargets, realisedReturn, type SeriesFrame } from './seriesFrame.ts';
import { trainModel } from './trainModel.ts';

const Q = QUANTILE_LEVELS.length;

export interface WalkForwardOptions {
  /** First and last forecast origin, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Sessions between retrains: the model is refitted on everything before each block of this many origins. */
  retrainEvery: number;
  factory: NetworkFactory;
  onBlock?: (block: BlockReport) => void;
  onEpoch?: (report: EpochReport, block: number) => void;
  signal?: AbortSignal;
}

export interface BlockReport {
  block: number;
  blocks: number;
  trainTo: string;
  from: string;
  to: string;
  origins: number;
  fit: FitResult | null;
}

export interface WalkForwardResult {
  from: string;
  to: string;
  retrainEvery: number;
  /** Per ticker and pooled (`ALL`), for every model and baseline and every horizon 1..config.horizons. */
  rows: EvaluationRow[];
  blocks: BlockReport[];
}

/** Origins dated in [from, to] whose window is complete and whose next session's outcome is known. */
function evaluationOrigins(frames: readonly SeriesFrame[], config: ModelConfig, from: string, to: string): Origin[] {
  const origins: Origin[] = [];
  for (const frame of frames) {
    for (let origin = 0; origin < frame.rows; origin++) {
      const date = frame.dates[origin]!;
      if (date < from || date > to) continue;
      if (canForecastFrom(frame, origin, config.windowLength) && hasRealisedTargets(frame, origin, 1)) origins.push({ frame, origin });
    }
  }
  return origins;
}

/**
 * Rolling-origin evaluation: the origins in [from, to] are cut into blocks of `retrainEvery` sessions; before each
 * block a model is trained on data up to the session before the block's first origin, and then forecasts every
 * origin in the block. Beside it, the baselines forecast the same origins. Nothing a forecast reads is dated after
 * its origin, and nothing a model trains on is dated on or after its block's first origin.
 */
export async function walkForward(frames: readonly SeriesFrame[], config: ModelConfig, options: WalkForwardOptions): Promise<WalkForwardResult> {
  const candidates = evaluationOrigins(frames, config, options.from, options.to);
  const dates = [...new Set(candidates.map(({ frame, origin }) => frame.dates[origin]!))].sort();
  if (dates.length === 0) {
    throw new UserError(
      'too_little_history',
      `Too little history to evaluate between ${options.from} and ${options.to}: no session there has a full input window ` +
        `(the 200-session feature warm-up plus ${config.windowLength} sessions) and a realised next close.`,
    );
  }
  const records: ForecastRecord[][] = Array.from({ length: config.horizons }, () => []);
  const blocks: BlockReport[] = [];
  const blockCount = Math.ceil(dates.length / options.retrainEvery);
  for (let b = 0; b < blockCount; b++) {
    const blockDates = dates.slice(b * options.retrainEvery, (b + 1) * options.retrainEvery);
    const trainTo = previousSession(blockDates[0]!);
    const trained = await trainModel(frames, config, {
      trainTo,
      factory: options.factory,
      onEpoch: options.onEpoch ? (report) => options.onEpoch!(report, b + 1) : undefined,
      signal: options.signal,
    });
    try {
      const origins = candidates.filter(({ frame, origin }) => frame.dates[origin]! >= blockDates[0]! && frame.dates[origin]! <= blockDates.at(-1)!);
      const quantiles = trained.model.predictReturns(origins);
      origins.forEach(({ frame, origin }, n) => {
        for (let h = 1; h <= config.horizons && hasRealisedTargets(frame, origin, h); h++) {
          const offset = (n * config.horizons + h - 1) * Q;
          records[h - 1]!.push({ frame, origin, actual: realisedReturn(frame, origin, h), quantiles: Array.from(quantiles.subarray(offset, offset + Q)) });
        }
      });
      const report: BlockReport = {
        block: b + 1,
        blocks: blockCount,
        trainTo,
        from: blockDates[0]!,
        to: blockDates.at(-1)!,
        origins: origins.length,
        fit: trained.fit,
      };
      blocks.push(report);
      options.onBlock?.(report);
    } finally {
      trained.model.dispose();
    }
  }
  return {
    from: dates[0]!,
    to: dates.at(-1)!,
    retrainEvery: options.retrainEvery,
    rows: records.flatMap((own, h) => evaluateRecords(own, h + 1)),
    blocks,
  };
}
