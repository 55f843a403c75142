import type { Command } from 'commander';
import { oneLine } from '../../core/errors.ts';
import type { AuditRepo } from '../../core/governance.ts';
import type { AliasMove } from '../../core/model.ts';
import { modelListJson, modelVersionJson } from '../../render/modelVersionJson.ts';
import { promoteVersion, rollbackChampion, showVersion, type VersionDetail } from '../../model/registryService.ts';
import type { CommandContext } from '../context.ts';
import { evaluationTable } from '../evaluationTable.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { terminalActorId } from '../terminalActor.ts';

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

function moveJson(move: AliasMove) {
  return { ...move, at: move.at.toISOString() };
}

export function registerModel(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const model = program.command('model').description('the model registry: versions, champion and challenger');

  model
    .command('list')
    .description('every stored version, newest first')
    .action(async () => {
      const versions = await ctx.withApp((app) => app.store.models.list());
      emit(modelListJson(versions), output(), ({ versions: rows }) =>
        rows.length === 0
          ? 'No model versions yet: `tickcast train` makes one.'
          : table(
              ['version', 'aliases', 'created', 'trained to', 'tickers', 'mase', 'cov80', 'cov95', 'backend'],
              rows.map((v) => [v.version, v.aliases.join(',') || '-', v.createdAt.slice(0, 16), v.trainTo, v.tickers.length, v.mase == null ? null : Number(v.mase.toFixed(3)), v.coverage80 == null ? null : Number(v.coverage80.toFixed(3)), v.coverage95 == null ? null : Number(v.coverage95.toFixed(3)), v.backend]),
            ),
      );
    });

  model
    .command('show')
    .description('a version (v3, champion, challenger): bundle, walk-forward figures, alias history, monitoring signals')
    .argument('<version>', 'v3, champion or challenger')
    .action(async (ref: string) => {
      const detail = await ctx.withApp((app) => showVersion(app.store, ref));
      emit(showJson(detail), output(), () => humanShow(detail));
    });

  model
    .command('promote')
    .description('make a version champion, if it passes the gate against the champion and naive')
    .argument('<version>', 'e.g. v3 or challenger')
    .action(async (ref: string) => {
      // The command line is the operator's own door: one person, no approval round, but on the audit log like chat.
      const actor = terminalActorId();
      const outcome = await ctx.withApp((app) =>
        audited(app.store.audit, actor, 'model.promote', ref, async () => {
          const promoted = await promoteVersion(app.store, ref, app.config.model.gate, actor, 'from the command line');
          return { result: promoted, target: promoted.move.toVersion, detail: { from: promoted.move.fromVersion, to: promoted.move.toVersion } };
        }),
      );
      emit({ move: moveJson(outcome.move), gate: outcome.gate }, output(), ({ move }) =>
        [`champion: ${move.fromVersion ?? 'none'} → ${move.toVersion}`, ...outcome.gate.checks.map((c) => `  ok  ${c.detail}`)].join('\n'),
      );
    });

  model
    .command('rollback')
    .description('put the champion back to the version before its last move, in one step')
    .action(async () => {
      const actor = terminalActorId();
      const move = await ctx.withApp((app) =>
        audited(app.store.audit, actor, 'model.rollback', null, async () => {
          const rolled = await rollbackChampion(app.store, actor);
          return { result: rolled, target: rolled.toVersion, detail: { from: rolled.fromVersion, to: rolled.toVersion } };
        }),
      );
      emit({ move: moveJson(move) }, output(), () => `champion rolled back: ${move.fromVersion} → ${move.toVersion}`);
    });
}

/** Runs an admin action and records it, whichever way it ends, with `surface: 'cli'`. */
async function audited<T>(
  audit: AuditRepo,
  actor: string,
  action: string,
  target: string | null,
  work: () => Promise<{ result: T; target: string; detail: Record<string, unknown> }>,
): Promise<T> {
  try {
    const done = await work();
    await audit.record({ actor, action, target: done.target, outcome: 'ok', detail: { ...done.detail, surface: 'cli' } });
    return done.result;
  } catch (err) {
    await audit.record({ actor, action, target, outcome: 'failed', detail: { surface: 'cli', error: oneLine(err) } });
    throw err;
  }
}

function showJson(detail: VersionDetail) {
  const { version } = detail;
  return {
    ...modelVersionJson(version),
    featureList: version.featureList,
    params: version.params,
    dataSnapshot: version.dataSnapshot,
    metrics: version.metrics,
    history: detail.history.map(moveJson),
    signals: detail.signals.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
  };
}

function humanShow(detail: VersionDetail): string {
  const v = detail.version;
  const signalLines = detail.signals.map((s) => `  ${s.asOf} ${s.ticker ?? '-'} ${s.kind}: ${summariseSignal(s.kind, s.value)}`);
  return [
    `${v.version} (${v.aliases.join(', ') || 'no alias'}): ${v.kind} on ${v.backend}, code ${v.codeVersion}`,
    `trained ${day(v.trainFrom)}..${day(v.trainTo)} on ${v.dataSnapshot.map((s) => s.ticker).join(', ')}; ${v.weightBytes} weight bytes`,
    `inputs: ${v.featureList.join(', ')}`,
    '',
    v.metrics ? `Walk-forward ${v.metrics.from}..${v.metrics.to}, one session ahead:\n${evaluationTable(v.metrics.rows.filter((r) => r.horizon === 1 && (r.model === 'lstm' || r.model === 'naive')))}` : 'No walk-forward figures.',
    '',
    'Alias history:',
    ...(detail.history.length ? detail.history.map((m) => `  ${m.at.toISOString().slice(0, 16)} ${m.alias}: ${m.fromVersion ?? 'none'} → ${m.toVersion} (${m.reason}${m.by ? `, ${m.by}` : ''})`) : ['  none']),
    '',
    'Monitoring signals (newest first):',
    ...(signalLines.length ? signalLines : ['  none yet: they are recorded with each forecast']),
  ].join('\n');
}

function summariseSignal(kind: string, value: Record<string, unknown>): string {
  const fixed = (x: unknown, digits = 2) => (typeof x === 'number' ? x.toFixed(digits) : 'n/a');
  switch (kind) {
    case 'drift': {
      const worst = value.worst as { input: string; psi: number; level: string } | null;
      return worst ? `worst input ${worst.input} PSI ${fixed(worst.psi)} (${worst.level})` : 'no data';
    }
    case 'calibration':
      return `live 80% coverage ${fixed(value.coverage80)} over ${String(value.n)} realised closes (${String(value.pending)} pending)`;
    case 'anomaly':
      return `score ${fixed(value.score, 1)}${value.flagged ? ' FLAGGED' : ''}`;
    case 'importance':
      return `drivers ${((value.drivers as { input: string }[] | undefined) ?? []).map((d) => d.input).join(', ')}`;
    default:
      return JSON.stringify(value);
  }
}
