import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { REDACTED } from './redact.ts';

export type { Logger } from 'pino';

/**
 * Structured JSON logs on stderr, so stdout stays clean for `--json` output. Redaction here is a second net
 * behind `redactConfig`: any logged object with these keys has them masked.
 */
export function createLogger(level: Config['log']['level'], destination: pino.DestinationStream = pino.destination({ fd: 2, sync: true })): Logger {
  return pino(
    {
      level,
      base: { service: 'tickcast' },
      redact: {
        paths: [
          'botToken', 'signingSecret', 'appToken', 'token', 'apiKey', 'password',
          '*.botToken', '*.signingSecret', '*.appToken', '*.token', '*.apiKey', '*.password',
          '*.*.botToken', '*.*.signingSecret', '*.*.appToken', '*.*.token', '*.*.apiKey',
          'req.headers.authorization', 'req.headers.cookie',
        ],
        // Unset values stay null, so a log still shows which integrations are configured.
        censor: (value: unknown) => (value === null || value === undefined ? value : REDACTED),
      },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
