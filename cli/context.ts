import { loadConfig, type Config } from '../app/config.ts';
import { createLogger, type Logger } from '../app/logger.ts';
import { createApp, type App } from '../app/wiring.ts';

/**
 * What a command needs, built lazily so `--help` and argument errors touch neither the environment nor the disk.
 * Commands other than `start` log at `warn` unless LOG_LEVEL says otherwise: their output is the answer.
 */
export interface CommandContext {
  config(): Config;
  logger(): Logger;
  withApp<T>(fn: (app: App) => Promise<T>, options?: { migrate?: boolean }): Promise<T>;
}

export function createContext(env: NodeJS.ProcessEnv = process.env, quietByDefault = true): CommandContext {
  let config: Config | undefined;
  let logger: Logger | undefined;
  const getConfig = () => (config ??= loadConfig(env));
  const getLogger = () => (logger ??= createLogger(env.LOG_LEVEL || !quietByDefault ? getConfig().log.level : 'warn'));
  return {
    config: getConfig,
    logger: getLogger,
    async withApp(fn, options) {
      const app = await createApp(getConfig(), getLogger(), options);
      try {
        return await fn(app);
      } finally {
        await app.close();
      }
    },
  };
}
