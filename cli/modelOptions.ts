import type { Command } from 'commander';
import { UserError } from '../core/errors.ts';
import { DEFAULT_MODEL_CONFIG, modelConfigSchema, type ModelConfig } from '../model/modelConfig.ts';
import { parsePositiveInt, parseTickerList } from './parseOptions.ts';

export interface ModelFlags {
  tickers?: string[];
  epochs?: number;
  seed?: number;
  window?: number;
  hidden?: number;
  batchSize?: number;
  stride?: number;
}

function parseSeed(value: string): number {
  return value === '0' ? 0 : parsePositiveInt(value);
}

/** The options `train` and `backtest` share: which tickers, and how the model is shaped and trained. */
export function withModelOptions(command: Command): Command {
  const d = DEFAULT_MODEL_CONFIG;
  return command
    .option('--tickers <list>', 'comma-separated tickers (default: every ingested ticker the quality gate passes)', parseTickerList)
    .option('--epochs <n>', `most epochs per fit; early stopping usually ends sooner (default ${d.epochs})`, parsePositiveInt)
    .option('--seed <n>', `seed for weights and shuffling: same seed, same data, same model (default ${d.seed})`, parseSeed)
    .option('--window <n>', `sessions per input window (default ${d.windowLength})`, parsePositiveInt)
    .option('--hidden <n>', `LSTM units (default ${d.hidden})`, parsePositiveInt)
    .option('--batch-size <n>', `training batch size (default ${d.batchSize})`, parsePositiveInt)
    .option('--stride <n>', `train on every n-th window (default ${d.originStride})`, parsePositiveInt);
}

/** The flags over the defaults, checked against the model's limits (a bad value names itself and its range). */
export function modelConfigFrom(flags: ModelFlags): ModelConfig {
  const parsed = modelConfigSchema.safeParse({
    ...DEFAULT_MODEL_CONFIG,
    ...(flags.epochs !== undefined && { epochs: flags.epochs }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(flags.window !== undefined && { windowLength: flags.window }),
    ...(flags.hidden !== undefined && { hidden: flags.hidden }),
    ...(flags.batchSize !== undefined && { batchSize: flags.batchSize }),
    ...(flags.stride !== undefined && { originStride: flags.stride }),
  });
  if (!parsed.success) {
    throw new UserError('bad_option', `invalid model settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
