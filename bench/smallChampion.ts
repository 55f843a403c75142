// A small LSTM champion for benchmarks that need model forecasts but do not time training.
import { codeVersion } from '../app/codeVersion.ts';
import type { App } from '../app/wiring.ts';
import { modelConfigSchema } from '../model/modelConfig.ts';
import { trainVersion } from '../model/trainService.ts';

/** The champion is worth training only if it is quick; past this it is skipped. */
const TRAIN_LIMIT_MS = 180_000;
/** Small enough to train on two cores in well under the limit; the benchmarks need an LSTM, not a good one. */
export const SMALL_MODEL = modelConfigSchema.parse({ epochs: 2, windowLength: 10, hidden: 6, originStride: 4, calibrationSessions: 60 });

/**
 * Trains a small champion on `tickers` through the product's train service. Returns a line saying what was trained
 * (and how long it took), or null, after printing why, when it failed or took too long.
 */
export async function trainSmallChampion(app: App, tickers: readonly string[], by: string): Promise<string | null> {
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(2)} s`;
  try {
    const factory = await app.networks();
    const outcome = await trainVersion(
      { tickers, config: SMALL_MODEL, evaluationSessions: 60, gate: app.config.model.gate, by: null, codeVersion: codeVersion() },
      { store: app.store, factory, signal: AbortSignal.timeout(TRAIN_LIMIT_MS) },
    );
    const { version } = outcome;
    // Model forecasts come only from the champion; a small model may not pass the gate, so it is made one here.
    if (!outcome.becameChampion) await app.store.models.moveAlias('champion', version.version, by, null);
    const how = outcome.becameChampion ? 'passed the gate' : 'did not pass the gate; made champion for the bench';
    return `champion ${version.version} trained in ${seconds()} on ${factory.backend} (${outcome.fit.epochsRun} epochs, window ${SMALL_MODEL.windowLength}, hidden ${SMALL_MODEL.hidden}); ${how}`;
  } catch (err) {
    console.log(`setup           LSTM champion skipped after ${seconds()}: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}
