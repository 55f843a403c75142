import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { Store } from '../core/ports.ts';
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
  close(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, options: { migrate?: boolean } = {}): Promise<App> {
  const database = await openDatabase(targetFromConfig(config.database), { migrate: options.migrate ?? true });
  logger.debug({ engine: database.engine, location: database.location }, 'database open');
  return {
    config,
    logger,
    database,
    store: createStore(database.db),
    close: () => database.close(),
  };
}
