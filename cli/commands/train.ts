import type { Command } from 'commander';
import { codeVersion } from '../../app/codeVersion.ts';
import { pooledRow } from '../../model/promotionGate.ts';
import { trainVersion, type TrainOutcome } from '../../model/trainService.ts';
import type { CommandContext } from '../context.ts';
import { evaluationTable } from '../evaluationTable.ts';
import { modelConfigFrom, withModelOptions, type ModelFlags } from '../modelOptions.ts';
import { emit, type OutputOptions } from '../output.ts';
import { parsePositiveInt } from '../parseOptions.ts';
import { trainingProgress } from '../trainingProgress.ts';
import { terminalActorId } from '../terminalActor.ts';

interface TrainFlags extends ModelFlags {
  evalSessions?: number;
}

export function registerTrain(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  withModelOptions(program.command('train').description('train a model version: judged walk-forward first, then fitted on all data and stored as challenger'))
    .option('--eval-sessions <n>', 'sessions at the end of the data the version is judged on (default TICKCAST_EVAL_SESSIONS, 250)', parsePositiveInt)
    .action(async (flags: TrainFlags) => {
      const config = modelConfigFrom(flags);
      const outcome = await ctx.withApp(async (app) => {
        const progress = trainingProgress(!output().json);
        try {
          return await trainVersion(
            {
              tickers: flags.tickers,
              config,
              evaluationSessions: flags.evalSessions ?? app.config.model.evaluationSessions,
              gate: app.config.model.gate,
              by: terminalActorId(),
              codeVersion: codeVersion(),
            },
            {
              store: app.store,
              factory: await app.networks(),
              onPhase: (phase, detail) => progress.phase(phase === 'evaluation' ? `judge (data to ${detail.trainTo}, ${detail.tickers} tickers)` : `fit (data to ${detail.trainTo})`, config.epochs),
              onEpoch: (_phase, report) => progress.epoch(report),
            },
          );
        } finally {
          progress.stop();
        }
      });
      emit(trainJson(outcome), output(), () => humanTrain(outcome));
    });
}

function trainJson(outcome: TrainOutcome) {
  const { version } = outcome;
  return {
    version: version.version,
    aliases: version.aliases,
    becameChampion: outcome.becameChampion,
    backend: version.backend,
    trainFrom: version.trainFrom.toISOString().slice(0, 10),
    trainTo: version.trainTo.toISOString().slice(0, 10),
    fit: outcome.fit,
    skipped: outcome.skipped,
    gate: outcome.gate,
    metrics: outcome.metrics,
  };
}

function humanTrain(outcome: TrainOutcome): string {
  const { version, fit, metrics } = outcome;
  const model = pooledRow(metrics);
  const lines = [
    `${version.version} trained on ${version.dataSnapshot.length} tickers, ${version.trainFrom.toISOString().slice(0, 10)}..${version.trainTo.toISOString().slice(0, 10)} ` +
      `(${fit.epochsRun} epochs, best ${fit.bestEpoch}, ${fit.seconds.toFixed(0)} s on ${version.backend}, ${Math.round(fit.samplesPerSecond)} samples/s)`,
    ...outcome.skipped.map((s) => `skipped ${s.ticker}: ${s.reason}`),
    '',
    `Walk-forward ${metrics.from}..${metrics.to}, one session ahead, pooled:`,
    evaluationTable(metrics.rows.filter((row) => row.ticker === 'ALL' && row.horizon === 1)),
    '',
    outcome.becameChampion
      ? `${version.version} is the champion (the first version to pass the gate).`
      : outcome.gate.passed
        ? `${version.version} is the challenger and passes the gate: \`tickcast model promote ${version.version}\` makes it champion.`
        : `${version.version} is the challenger; it does not pass the gate: ${outcome.gate.checks.filter((c) => !c.passed).map((c) => c.detail).join('; ')}.`,
  ];
  if (model?.mase != null && model.mase >= 1) lines.push('It has no edge over "tomorrow = today"; forecasts from it show the random walk + volatility interval.');
  return lines.join('\n');
}
