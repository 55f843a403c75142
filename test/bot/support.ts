import type { Invocation } from '../../bot/command.ts';
import type { CommandResult, ResultOf } from '../../bot/results.ts';
import type { Surface } from '../../core/chat.ts';
import type { ModelBundle } from '../../core/model.ts';
import { evaluationRow } from '../support/samples.ts';

let counter = 0;

/** An invocation from `actor` in `channel`, with a fresh request id unless one is given. */
export function from(actor: string, options: { channel?: string; surface?: Surface; roles?: string[]; requestId?: string } = {}): Invocation {
  return {
    actor: { id: actor, name: actor.split(':').at(-1)!, roles: options.roles ?? [] },
    channel: { surface: options.surface ?? 'slack', channelId: options.channel ?? 'C-GENERAL' },
    requestId: options.requestId ?? `req-${process.pid}-${++counter}`,
  };
}

export function expectKind<K extends CommandResult['kind']>(result: CommandResult, kind: K): ResultOf<K> {
  if (result.kind !== kind) throw new Error(`expected a ${kind} result, got ${JSON.stringify(result)}`);
  return result as ResultOf<K>;
}

/** A stored version's figures: pooled one-session rows for the model and naive (what the gate compares). */
export function bundleWith(mase: number, coverage80: number): ModelBundle {
  return {
    kind: 'quantile-lstm',
    featureList: ['ret_1'],
    scaler: { mean: [0], std: [1], clip: 5 },
    params: {},
    trainFrom: new Date('2010-01-04T00:00:00Z'),
    trainTo: new Date('2026-06-12T00:00:00Z'),
    dataSnapshot: [{ ticker: 'AAPL', runId: null, checksum: null, bars: 4000 }],
    metrics: { from: '2025-06-13', to: '2026-06-12', retrainEvery: 63, rows: [evaluationRow('lstm', mase, { coverage80 }), evaluationRow('naive', 1)] },
    reference: [],
    weights: new Uint8Array([1, 2, 3]),
    backend: 'wasm',
    codeVersion: 'test',
  };
}
