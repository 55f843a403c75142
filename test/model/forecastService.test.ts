import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { forecastTicker } from '../../model/forecastService.ts';
import { ModelCache } from '../../model/modelCache.ts';
import { DEFAULT_MODEL_CONFIG } from '../../model/modelConfig.ts';
import { loadTensorflow } from '../../model/tf/backend.ts';
import { createTfNetworkFactory } from '../../model/tf/tfNetworkFactory.ts';
import { trainVersion } from '../../model/trainService.ts';
import { ingest } from '../../pipeline/ingest/ingest.ts';
import { createCsvSource } from '../../pipeline/sources/csvSource.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';
import { DAILY_DIR } from '../support/sharedData.ts';

const config = { ...DEFAULT_MODEL_CONFIG, windowLength: 10, hidden: 6, epochs: 2, calibrationSessions: 60 };

describe.each(ENGINES)('forecast service on $name', (engine) => {
  const database = useTestDatabase(engine);

  it('trains, serves the champion, records every forecast with its version, and keeps tensor memory flat', async () => {
    const store = createStore(database().db);
    await ingest(createCsvSource(path.join(DAILY_DIR, 'KO.csv')), [{ ticker: 'KO', interval: '1d' }], { store });
    const runtime = await loadTensorflow();
    const factory = createTfNetworkFactory(runtime);
    const trained = await trainVersion(
      { tickers: ['KO'], config, evaluationSessions: 60, gate: { maseTolerance: 1, coverageTolerance: 1 }, by: 'test', codeVersion: 'test' },
      { store, factory },
    );
    expect(trained.becameChampion).toBe(true);
    const deps = { store, factory: async () => factory, cache: new ModelCache() };
    try {
      const first = await forecastTicker('KO', 5, deps);
      expect(first.modelVersion).toBe(trained.version.version);
      const tensors = runtime.tf.memory().numTensors;
      for (let i = 0; i < 200; i++) await forecastTicker('KO', 1 + (i % 5), deps);
      expect(runtime.tf.memory().numTensors).toBe(tensors);
      const stored = await store.forecasts.recent({ ticker: 'KO', limit: 10 });
      // One row per (ticker, date, horizon, version): 200 repeats of 5 horizons replace, never duplicate.
      expect(stored.map((f) => f.horizon).sort()).toEqual([1, 2, 3, 4, 5]);
      expect(new Set(stored.map((f) => f.modelVersion))).toEqual(new Set([trained.version.version]));
      const kinds = (await store.signals.latest(trained.version.version, { ticker: 'KO' })).map((s) => s.kind).sort();
      expect(kinds).toEqual(['anomaly', 'calibration', 'drift', 'importance']);
    } finally {
      deps.cache.clear();
    }
    await expect(forecastTicker('KO', 0, deps)).rejects.toThrow(UserError);
  }, 120_000);
});
