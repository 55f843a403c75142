import { UserError } from '../core/errors.ts';
import type { InputReference, ModelVersionInfo, VersionMetrics } from '../core/model.ts';
import type { Store } from '../core/ports.ts';
import { referenceFrom } from './monitoring/index.ts';
import { loadTrainingUniverse, type TrainingUniverse } from './loadFrames.ts';
import { toBundle } from './modelBundle.ts';
import type { ModelConfig } from './modelConfig.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import type { EpochReport, FitResult, NetworkFactory } from './network.ts';
import { promotionGate, type GateThresholds, type GateVerdict } from './promotionGate.ts';
import type { Origin } from './samples.ts';
import { sessionDates, type SeriesFrame } from './seriesFrame.ts';
import { trainModel } from './trainModel.ts';
import { walkForward } from './walkForward.ts';

export interface TrainRequest {
  tickers?: readonly string[];
  config: ModelConfig;
  /** Sessions at the end of the data the new version is judged on, walk-forward, before its final fit. */
  evaluationSessions: number;
  gate: GateThresholds;
  by: string | null;
  codeVersion: string;
}

export type TrainPhase = 'evaluation' | 'final';

export interface TrainDeps {
  store: Store;
  factory: NetworkFactory;
  onPhase?: (phase: TrainPhase, detail: { trainTo: string; tickers: number }) => void;
  onEpoch?: (phase: TrainPhase, report: EpochReport) => void;
  signal?: AbortSignal;
}

export interface TrainOutcome {
  version: ModelVersionInfo;
  metrics: VersionMetrics;
  fit: FitResult;
  skipped: TrainingUniverse['skipped'];
  /** The gate against naive (and the champion, if any); a first version that passes becomes champion. */
  gate: GateVerdict;
  becameChampion: boolean;
}

/** Decile references of each input over the rows the model was fitted on: per ticker, and pooled. */
function inputReferences(origins: readonly Origin[]): InputReference[] {
  const width = MODEL_INPUTS.length;
  const groups = new Map<string | null, Origin[]>([[null, [...origins]]]);
  for (const entry of origins) {
    const own = groups.get(entry.frame.ticker);
    if (own) own.push(entry);
    else groups.set(entry.frame.ticker, [entry]);
  }
  return [...groups].flatMap(([ticker, group]) =>
    MODEL_INPUTS.map((input, k) => ({ input, ticker, ...referenceFrom(group.map(({ frame, origin }) => frame.inputs[origin * width + k]!)) })),
  );
}

function lastDate(frames: readonly SeriesFrame[]): string {
  return frames.map((frame) => frame.dates.at(-1)!).sort().at(-1)!;
}

/** The first of the last `sessions` distinct dates across the frames. */
function evaluationStart(frames: readonly SeriesFrame[], sessions: number): string {
  const dates = sessionDates(frames);
  return dates[Math.max(0, dates.length - sessions)]!;
}

/**
 * `tickcast train`: judge the configuration walk-forward on the last `evaluationSessions` sessions (a model
 * trained only on what came before them), then fit the version on all data, store it as a bundle and make it the
 * challenger. When there is no champion yet and it passes the gate against naive, it becomes champion.
 */
export async function trainVersion(request: TrainRequest, deps: TrainDeps): Promise<TrainOutcome> {
  const universe = await loadTrainingUniverse(deps.store, request.tickers);
  const frames = universe.frames.map((loaded) => loaded.frame);
  if (frames.length === 0) {
    throw new UserError('no_data', 'No daily bars to train on: ingest some first, e.g. `tickcast ingest --source sample`.');
  }
  const to = lastDate(frames);
  const from = evaluationStart(frames, request.evaluationSessions);
  deps.onPhase?.('evaluation', { trainTo: from, tickers: frames.length });
  const evaluation = await walkForward(frames, request.config, {
    from,
    to,
    retrainEvery: request.evaluationSessions,
    factory: deps.factory,
    onEpoch: deps.onEpoch ? (report) => deps.onEpoch!('evaluation', report) : undefined,
    signal: deps.signal,
  });
  const metrics: VersionMetrics = { from: evaluation.from, to: evaluation.to, retrainEvery: evaluation.retrainEvery, rows: evaluation.rows };

  deps.onPhase?.('final', { trainTo: to, tickers: frames.length });
  const trained = await trainModel(frames, request.config, {
    trainTo: to,
    factory: deps.factory,
    onEpoch: deps.onEpoch ? (report) => deps.onEpoch!('final', report) : undefined,
    signal: deps.signal,
  });
  try {
    const bundle = toBundle(trained, {
      metrics,
      reference: inputReferences(trained.fitOrigins),
      dataSnapshot: universe.frames.map((loaded) => loaded.snapshot),
      backend: deps.factory.backend,
      codeVersion: request.codeVersion,
      trainFrom: new Date(`${trained.fitFrom}T00:00:00Z`),
      trainTo: new Date(`${to}T00:00:00Z`),
    });
    const champion = await deps.store.models.find('champion');
    const gate = promotionGate(metrics, champion?.metrics ?? null, request.gate);
    const { version, becameChampion } = await deps.store.transaction(async (repos) => {
      const saved = await repos.models.save(bundle, request.by);
      await repos.models.moveAlias('challenger', saved.version, 'trained', request.by);
      const first = champion === null && gate.passed;
      if (first) await repos.models.moveAlias('champion', saved.version, 'first version to pass the gate', request.by);
      return { version: { ...saved, aliases: first ? (['challenger', 'champion'] as const).slice() : ['challenger' as const] }, becameChampion: first };
    });
    return { version, metrics, fit: trained.fit, skipped: universe.skipped, gate, becameChampion };
  } finally {
    trained.model.dispose();
  }
}
