import { UserError } from '../core/errors.ts';
import type { Store } from '../core/ports.ts';
import { leakageWarning } from './evaluation/index.ts';
import { loadTrainingUniverse, type TrainingUniverse } from './loadFrames.ts';
import type { ModelConfig } from './modelConfig.ts';
import type { EpochReport, NetworkFactory } from './network.ts';
import { sessionDates } from './seriesFrame.ts';
import { walkForward, type BlockReport, type WalkForwardResult } from './walkForward.ts';

/** Without --from, the backtest covers this many sessions up to the last one. */
export const DEFAULT_BACKTEST_SESSIONS = 500;
/** Without --retrain-every, the model is refitted every quarter. */
export const DEFAULT_RETRAIN_EVERY = 63;

export interface BacktestRequest {
  tickers?: readonly string[];
  from?: string;
  to?: string;
  retrainEvery: number;
  config: ModelConfig;
}

export interface BacktestDeps {
  store: Store;
  factory: NetworkFactory;
  onBlock?: (block: BlockReport) => void;
  onEpoch?: (report: EpochReport, block: number) => void;
  signal?: AbortSignal;
}

export interface BacktestOutcome extends WalkForwardResult {
  tickers: string[];
  skipped: TrainingUniverse['skipped'];
  /** Set when the model beats the random walk by so much that leakage is the likelier explanation. */
  leakageWarning: string | null;
}

/** `tickcast backtest`: walk-forward evaluation of the model beside the baselines over [from, to]. */
export async function runBacktest(request: BacktestRequest, deps: BacktestDeps): Promise<BacktestOutcome> {
  if (request.from && request.to && request.from > request.to) {
    throw new UserError('bad_range', `--from ${request.from} is after --to ${request.to}`);
  }
  const universe = await loadTrainingUniverse(deps.store, request.tickers);
  const frames = universe.frames.map((loaded) => loaded.frame);
  if (frames.length === 0) throw new UserError('no_data', 'No daily bars to backtest on: ingest some first, e.g. `tickcast ingest --source sample`.');
  const dates = sessionDates(frames);
  const to = request.to ?? dates.at(-1)!;
  const from = request.from ?? dates[Math.max(0, dates.filter((date) => date <= to).length - DEFAULT_BACKTEST_SESSIONS)]!;
  const result = await walkForward(frames, request.config, {
    from,
    to,
    retrainEvery: request.retrainEvery,
    factory: deps.factory,
    onBlock: deps.onBlock,
    onEpoch: deps.onEpoch,
    signal: deps.signal,
  });
  return { ...result, tickers: frames.map((frame) => frame.ticker), skipped: universe.skipped, leakageWarning: leakageWarning(result.rows) };
}
