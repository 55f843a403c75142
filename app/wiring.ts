import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Store } from '../core/ports.ts';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.ts';
import { ModelCache } from '../model/modelCache.ts';
import type { NetworkFactory } from '../model/network.ts';
import { openDatabase, targetFromConfig, type Database } from '../storage/database.ts';
import { createStore } from '../storage/store.ts';

/**
 * The one module that knows every concrete class: it opens storage and builds the services the surfaces use.
 * Everything else depends on the core's ports.
 */
export interface App {
  config: Config;
  logger: Logger;
  database: Database;
  store: Store;
  /** TensorFlow.js networks on the strongest backend that loads (or TICKCAST_TF_BACKEND's); loaded on first use. */
  networks(): Promise<NetworkFactory>;
  /** The champion as last restored, kept across forecasts. */
  models: ModelCache;
  /** Where the service's metrics go (app/metrics.ts in `tickcast start`); nowhere for one-shot commands. */
  telemetry: Telemetry;
  close(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, options: { migrate?: boolean; database?: Database; telemetry?: Telemetry } = {}): Promise<App> {
  // Tests hand in a database they opened (an in-memory PGlite); everyone else gets the configured one.
  const database = options.database ?? (await openDatabase(targetFromConfig(config.database), { migrate: options.migrate ?? true }));
  logger.debug({ engine: database.engine, location: database.location }, 'database open');
  let networks: Promise<NetworkFactory> | undefined;
  const models = new ModelCache();
  return {
    config,
    logger,
    database,
    store: createStore(database.db),
    // TensorFlow.js is imported on first use: commands that never touch a model should not pay for loading it.
    networks: () =>
      (networks ??= (async () => {
        const [{ loadTensorflow }, { createTfNetworkFactory }] = await Promise.all([import('../model/tf/backend.ts'), import('../model/tf/tfNetworkFactory.ts')]);
        const runtime = await loadTensorflow(config.tf.backend ?? undefined, (message) => logger.debug(message));
        logger.info({ backend: runtime.backend, kind: runtime.kind, skipped: runtime.tried.filter((t) => !t.ok) }, 'tensorflow backend');
        return createTfNetworkFactory(runtime);
      })()),
    models,
    telemetry: options.telemetry ?? NO_TELEMETRY,
    close: async () => {
      models.clear();
      await database.close();
    },
  };
}
