import { UserError } from '../core/errors.ts';
import type { EvaluationRow } from '../core/model.ts';
import type { Store } from '../core/ports.ts';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from './modelConfig.ts';
import type { NetworkFactory } from './network.ts';
import { pooledRow, type GateThresholds } from './promotionGate.ts';
import { trainVersion } from './trainService.ts';

export interface RetrainOutcome {
  version: string;
  becameChampion: boolean;
  seconds: number;
  skill: EvaluationRow | null;
  naive: EvaluationRow | null;
}

export interface RetrainDeps {
  store: Store;
  factory: () => Promise<NetworkFactory>;
  gate: GateThresholds;
  evaluationSessions: number;
  codeVersion: string;
  /** The settings a retrain uses: `tickcast train`'s defaults unless given. */
  config?: ModelConfig;
  /** Epoch notes at most this often (default a minute: enough to show it is alive without flooding a channel). */
  noteEveryMs?: number;
}

/** A retrain: who asked, where its notes go, and what stops it (a worker shutting down). */
export type Retrainer = (by: string, progress: (note: string) => Promise<void>, signal?: AbortSignal) => Promise<RetrainOutcome>;

/**
 * A retrain with the same training as `tickcast train` and its default settings, on every ticker with data: what
 * `model retrain` in chat, the scheduled `retrain` job and the first run of `tickcast start` do. One at a time per
 * process: a second request while one runs is told so rather than queued behind it.
 */
export function createRetrainer(deps: RetrainDeps): Retrainer {
  const noteEveryMs = deps.noteEveryMs ?? 60_000;
  let running: { by: string; since: Date } | null = null;
  return async (by, progress, signal) => {
    if (running) {
      throw new UserError('retrain_running', `a retrain started by ${running.by} at ${running.since.toISOString().slice(11, 16)} UTC is still running; its result will be posted here`);
    }
    running = { by, since: new Date() };
    const started = Date.now();
    try {
      await progress('Retraining: judging the configuration walk-forward, then fitting on all data. This takes a few minutes.');
      let lastNote = 0;
      const outcome = await trainVersion(
        { config: deps.config ?? DEFAULT_MODEL_CONFIG, evaluationSessions: deps.evaluationSessions, gate: deps.gate, by, codeVersion: deps.codeVersion },
        {
          store: deps.store,
          factory: await deps.factory(),
          signal,
          onEpoch: (phase, report) => {
            if (Date.now() - lastNote < noteEveryMs) return;
            lastNote = Date.now();
            void progress(`Retraining (${phase === 'evaluation' ? 'judging' : 'final fit'}): epoch ${report.epoch}, validation loss ${report.valLoss?.toFixed(4) ?? '–'}`).catch(() => {});
          },
        },
      );
      return {
        version: outcome.version.version,
        becameChampion: outcome.becameChampion,
        seconds: Math.round((Date.now() - started) / 1000),
        skill: pooledRow(outcome.metrics),
        naive: pooledRow(outcome.metrics, 'naive'),
      };
    } finally {
      running = null;
    }
  };
}
