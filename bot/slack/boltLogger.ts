import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../app/logger.ts';

/**
 * Bolt, the WebClient and the Socket Mode client log through this adapter into the service's pino logger, so their
 * lines are structured JSON on stderr like everything else. Their level follows pino's: `setLevel` is ignored,
 * because Bolt calls it with its own default (info) and would otherwise override LOG_LEVEL.
 */
export function boltLogger(logger: Logger, component = 'slack'): BoltLogger {
  let log = logger.child({ component });
  const text = (parts: unknown[]) => parts.map(show).join(' ');
  return {
    debug: (...parts: unknown[]) => log.debug(text(parts)),
    info: (...parts: unknown[]) => log.info(text(parts)),
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    setLevel: () => {},
    getLevel: () => {
      const level = log.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'info') return LogLevel.INFO;
      if (level === 'warn') return LogLevel.WARN;
      return LogLevel.ERROR;
    },
    setName: (name: string) => {
      log = logger.child({ component: `${component}:${name}` });
    },
  };
}

function show(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return part.message;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part);
  }
}
