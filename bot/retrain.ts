import { UserError } from '../core/errors.ts';
import type { EvaluationRow } from '../core/model.ts';
import type { Store } from '../core/ports.ts';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../model/modelConfig.ts';
import type { NetworkFactory } from '../model/network.ts';
import { pooledRow, type GateThresholds } from '../model/promotionGate.ts';
import { trainVersion } from '../model/trainService.ts';

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
  /** The settings a chat retrain uses: `tickcast train`'s defaults unless given. */
  config?: ModelConfig;
}

/**
 * `model retrain` from chat: the same training as `tickcast train` with default settings, on every ticker with
 * data. One at a time per process: a second request while one runs is told so rather than queued behind it.
 */
export function createRetrainer(deps: RetrainDeps): (by: string, progress: (note: string) => Promise<void>) => Promise<RetrainOutcome> {
  let running: { by: string; since: Date } | null = null;
  return async (by, progress) => {
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
          onEpoch: (phase, report) => {
            // One note a minute at most: enough to show it is alive without flooding the channel.
            if (Date.now() - lastNote < 60_000) return;
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
