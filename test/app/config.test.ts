import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadConfig } from '../../app/config.ts';
import { redactConfig, REDACTED } from '../../app/redact.ts';
import { createLogger } from '../../app/logger.ts';
import { Writable } from 'node:stream';

describe('configuration', () => {
  it('has working defaults on an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.database).toEqual({ url: null, dataDir: path.resolve('/srv/app', '.tickcast'), connectTimeoutSeconds: 5 });
    expect(config.http.port).toBe(3000);
    expect(config.tickers).toEqual(['^GSPC']);
    expect(config.openai.apiKey).toBeNull();
  });

  it('reads and normalises every section', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://u:pw@db:5432/tc', TICKCAST_DATA_DIR: 'data', PORT: '8080',
      TICKCAST_TICKERS: 'aapl, msft,AAPL,^gspc', TICKCAST_ADMINS: 'slack:U123,discord:role:456',
      SLACK_BOT_TOKEN: 'xoxb-1', DISCORD_PUBLIC_KEY: 'a'.repeat(64), SMTP_URL: 'smtp://127.0.0.1:2525',
      TICKCAST_TF_BACKEND: 'wasm', LOG_LEVEL: 'debug',
    }, '/srv');
    expect(config.database.url).toBe('postgresql://u:pw@db:5432/tc');
    expect(config.database.dataDir).toBe('/srv/data');
    expect(config.http.port).toBe(8080);
    expect(config.tickers).toEqual(['AAPL', 'MSFT', '^GSPC']);
    expect(config.admins).toEqual(['slack:U123', 'discord:role:456']);
    expect(config.tf.backend).toBe('wasm');
    expect(config.log.level).toBe('debug');
  });

  it('treats blank values as unset, the way a copied .env.example leaves them', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ', SLACK_BOT_TOKEN: '' }).database.url).toBeNull();
  });

  it('names every wrong variable in one line without echoing secrets', () => {
    const attempt = () => loadConfig({ DATABASE_URL: 'mysql://root:hunter2@db/x', PORT: '99999', TICKCAST_TICKERS: 'AAPL,not a ticker', TICKCAST_ADMINS: 'bob' });
    expect(attempt).toThrowError(/^invalid configuration: /);
    try {
      attempt();
    } catch (err) {
      const message = (err as Error).message;
      expect(message).not.toContain('\n');
      for (const name of ['DATABASE_URL', 'PORT', 'TICKCAST_TICKERS', 'TICKCAST_ADMINS']) expect(message).toContain(name);
      expect(message).not.toContain('hunter2');
      expect((err as { code: string }).code).toBe('config_invalid');
    }
  });

  it('redacts secrets and URL passwords before the config is printed', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:s3cret@db/tc', SLACK_BOT_TOKEN: 'xoxb-secret', SLACK_SIGNING_SECRET: 'sig',
      DISCORD_TOKEN: 'disc', OPENAI_API_KEY: 'sk-live', SMTP_URL: 'smtp://mail:mailpw@127.0.0.1:25',
    });
    const shown = JSON.stringify(redactConfig(config));
    for (const secret of ['s3cret', 'xoxb-secret', '"sig"', 'disc"', 'sk-live', 'mailpw']) expect(shown).not.toContain(secret);
    expect(redactConfig(config).database.url).toBe('postgres://app:***@db/tc');
    expect(redactConfig(config).slack.botToken).toBe(REDACTED);
    expect(redactConfig(config).slack.apiUrl).toBeNull();
  });

  it('masks secrets in logs even when an object is logged whole', () => {
    let written = '';
    const sink = new Writable({ write(chunk, _enc, done) { written += String(chunk); done(); } });
    const logger = createLogger('info', sink);
    logger.info({ slack: { botToken: 'xoxb-leak', appToken: null }, openai: { apiKey: 'sk-leak' } }, 'config');
    expect(written).toContain('"msg":"config"');
    expect(written).toContain('"appToken":null');
    expect(written).toContain('"botToken":"[redacted]"');
    expect(written).not.toContain('xoxb-leak');
    expect(written).not.toContain('sk-leak');
  });
});
