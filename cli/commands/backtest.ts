import type { Command } from 'commander';
import { MAX_HORIZON } from '../../core/forecast.ts';
import { UserError } from '../../core/errors.ts';
import { DEFAULT_RETRAIN_EVERY, runBacktest, type BacktestOutcome } from '../../model/backtestService.ts';
import type { CommandContext } from '../context.ts';
import { evaluationTable } from '../evaluationTable.ts';
import { modelConfigFrom, withModelOptions, type ModelFlags } from '../modelOptions.ts';
import { emit, type OutputOptions } from '../output.ts';
import { parseDate, parsePositiveInt } from '../parseOptions.ts';
import { trainingProgress } from '../trainingProgress.ts';

interface BacktestFlags extends ModelFlags {
  from?: Date;
  to?: Date;
  retrainEvery: number;
  horizon: number;
}

const isoDate = (date: Date | undefined) => date?.toISOString().slice(0, 10);

export function registerBacktest(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  withModelOptions(program.command('backtest').description('walk-forward evaluation of the model beside the naive, drift, SMA and mean baselines'))
    .option('--from <date>', 'first forecast origin, YYYY-MM-DD (default: 500 sessions before --to)', parseDate)
    .option('--to <date>', 'last forecast origin, YYYY-MM-DD (default: the last stored session)', parseDate)
    .option('--retrain-every <n>', 'sessions between refits of the model', parsePositiveInt, DEFAULT_RETRAIN_EVERY)
    .option('--horizon <n>', `the horizon the table shows, 1..${MAX_HORIZON} (--json has them all)`, parsePositiveInt, 1)
    .action(async (flags: BacktestFlags) => {
      if (flags.horizon > MAX_HORIZON) throw new UserError('bad_horizon', `--horizon ${flags.horizon} is outside 1..${MAX_HORIZON}`);
      const config = modelConfigFrom(flags);
      const outcome = await ctx.withApp(async (app) => {
        const progress = trainingProgress(!output().json);
        let block = 0;
        try {
          return await runBacktest(
            { tickers: flags.tickers, from: isoDate(flags.from), to: isoDate(flags.to), retrainEvery: flags.retrainEvery, config },
            {
              store: app.store,
              factory: await app.networks(),
              onEpoch: (report, b) => {
                if (b !== block) progress.phase(`refit ${(block = b)}`, report.epochs);
                progress.epoch(report);
              },
            },
          );
        } finally {
          progress.stop();
        }
      });
      if (outcome.leakageWarning) process.stderr.write(`tickcast: WARNING ${outcome.leakageWarning}\n`);
      const { rows, ...rest } = outcome;
      emit({ ...rest, results: rows }, output(), () => humanBacktest(outcome, flags.horizon));
    });
}

function humanBacktest(outcome: BacktestOutcome, horizon: number): string {
  const rows = outcome.rows.filter((row) => row.horizon === horizon);
  return [
    `Walk-forward ${outcome.from}..${outcome.to}, ${outcome.tickers.length} tickers, refit every ${outcome.retrainEvery} sessions (${outcome.blocks.length} fits), ${horizon}-session horizon.`,
    ...outcome.skipped.map((s) => `skipped ${s.ticker}: ${s.reason}`),
    '',
    evaluationTable(rows),
    '',
    'mase and u2 are against the random walk (naive = 1); below 1 is better. Returns in basis points.',
    ...(outcome.leakageWarning ? ['', `WARNING: ${outcome.leakageWarning}`] : []),
  ].join('\n');
}
