import type { Config } from './config.ts';

export const REDACTED = '[redacted]';

/** A URL with its password (and a user name that looks like a token) masked; unparsable text is masked whole. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return REDACTED;
  }
}

const secret = (value: string | null): string | null => (value === null ? null : REDACTED);
const maybeUrl = (value: string | null): string | null => (value === null ? null : redactUrl(value));

/** The configuration as it may be printed or logged: secrets replaced, passwords cut out of URLs. */
export function redactConfig(config: Config): Config {
  return {
    ...config,
    database: { ...config.database, url: maybeUrl(config.database.url) },
    slack: {
      ...config.slack,
      botToken: secret(config.slack.botToken),
      signingSecret: secret(config.slack.signingSecret),
      appToken: secret(config.slack.appToken),
    },
    discord: { ...config.discord, token: secret(config.discord.token) },
    openai: { ...config.openai, apiKey: secret(config.openai.apiKey) },
    mail: { ...config.mail, smtpUrl: maybeUrl(config.mail.smtpUrl) },
  };
}
