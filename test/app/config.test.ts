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

  it('reads the service settings: role, schedules (cron in New York time, or off), retries, the ops channel', () => {
    const defaults = loadConfig({});
    expect(defaults.role).toBe('all');
    expect(defaults.jobs).toMatchObject({
      ingestSource: 'yahoo', attempts: 4, retryMs: 60_000, lockMs: 300_000, pollMs: 10_000, opsChannel: null, keepVersions: 10,
      schedules: { ingestDaily: '30 16 * * 1-5', report: '0 7 * * 1-5', retrain: '0 6 * * 6' },
    });
    const config = loadConfig({
      TICKCAST_ROLE: 'worker', TICKCAST_SCHEDULE_INGEST_INTRADAY: 'off', TICKCAST_SCHEDULE_REPORT: '15 6 * * 1-5', TICKCAST_OPS_CHANNEL: 'discord:1234',
      TICKCAST_JOB_ATTEMPTS: '6', TICKCAST_INGEST_SOURCE: 'csv:/srv/drop',
    });
    expect(config.role).toBe('worker');
    expect(config.jobs.schedules.ingestIntraday).toBeNull();
    expect(config.jobs.schedules.report).toBe('15 6 * * 1-5');
    expect(config.jobs.opsChannel).toEqual({ surface: 'discord', channelId: '1234' });
    expect(config.jobs.attempts).toBe(6);
    expect(config.jobs.ingestSource).toBe('csv:/srv/drop');
    expect(() => loadConfig({ TICKCAST_SCHEDULE_REPORT: '0 25 * * *', TICKCAST_ROLE: 'boss', TICKCAST_OPS_CHANNEL: '#ops', TICKCAST_INGEST_SOURCE: 'ftp:x' })).toThrow(
      /TICKCAST_INGEST_SOURCE must be yahoo, sample or csv:PATH; TICKCAST_ROLE must be all, web, worker or scheduler; TICKCAST_SCHEDULE_REPORT must be a five-field cron expression .*: Constraint error, got value 25 expected range 0-23; TICKCAST_OPS_CHANNEL must be slack:CHANNEL_ID or discord:CHANNEL_ID/,
    );
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
