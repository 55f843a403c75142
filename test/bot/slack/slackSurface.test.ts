import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../../app/httpServer.ts';
import { createLogger } from '../../../app/logger.ts';
import type { Bot } from '../../../bot/bot.ts';
import { createSlackSurface, type SlackSurface } from '../../../bot/slack/slackSurface.ts';
import { openBotHarness, type BotHarness } from '../../support/botHarness.ts';
import { expectChatChart } from '../../support/png.ts';
import { signedHeaders, slashCommandBody, startFakeSlackApi, type FakeSlackApi, type RecordedSlackCall } from '../../fakes/slackApi.ts';
import { createSlackClient } from './slackClient.ts';
import { blockTexts } from './blockTexts.ts';

const SECRET = 'tickcast-test-signing-secret';
const logger = createLogger('silent');

interface Receiver {
  surface: SlackSurface;
  server: HttpServer;
  client: ReturnType<typeof createSlackClient>;
  close(): Promise<void>;
}

async function startReceiver(bot: Bot, harness: BotHarness, fake: FakeSlackApi): Promise<Receiver> {
  const surface = createSlackSurface({ bot, config: { botToken: fake.botToken, signingSecret: SECRET, appToken: null, apiUrl: fake.apiUrl }, logger });
  const server = await startHttpServer(harness.app, 0, { host: '127.0.0.1', routes: [surface.route!] });
  return {
    surface,
    server,
    client: createSlackClient(server.url, fake, SECRET),
    close: async () => {
      await surface.stop(5000);
      await server.close();
    },
  };
}

/** Counts of what a command may leave behind: stored forecasts and seen request ids. */
async function footprint(harness: BotHarness): Promise<{ forecasts: number; requests: number }> {
  const [row] = await harness.app.database.rows<{ forecasts: number | string; requests: number | string }>(
    sql`select (select count(*) from forecasts) as forecasts, (select count(*) from chat_requests) as requests`,
  );
  return { forecasts: Number(row!.forecasts), requests: Number(row!.requests) };
}

const texts = (call: RecordedSlackCall) => blockTexts(call.body.blocks as unknown[]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Slack surface over HTTP (real Bolt app, fake Slack Web API)', () => {
  let harness: BotHarness;
  let fake: FakeSlackApi;
  let receiver: Receiver;

  beforeAll(async () => {
    harness = await openBotHarness({ tickers: ['AAPL'], admins: ['slack:UADMIN1'] });
    fake = await startFakeSlackApi();
    receiver = await startReceiver(harness.bot, harness, fake);
  });
  afterAll(async () => {
    await receiver?.close();
    await fake?.close();
    await harness?.close();
  });
  beforeEach(() => fake.reset());

  describe('refuses requests Slack did not sign, and changes nothing', () => {
    it.each([
      ['forged (wrong secret)', { secret: 'not-the-secret' }],
      ['replayed (timestamp six minutes old)', { timestampSeconds: Math.floor(Date.now() / 1000) - 6 * 60 }],
      ['unsigned', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['signed over a different body', { headers: signedHeaders(SECRET, slashCommandBody({ command: '/forecast', text: 'MSFT', response_url: 'http://x/' })) }],
    ])('%s → 401', async (_label, options) => {
      const before = await footprint(harness);
      const sent = await receiver.client.slash('/forecast', 'AAPL', { user_id: 'UFORGER', ...options });
      expect(sent.status).toBe(401);
      await sleep(300);
      expect(fake.calls).toEqual([]);
      expect(await footprint(harness)).toEqual(before);
    });

    it('an oversized body → 413, before any work', async () => {
      const body = slashCommandBody({ command: '/forecast', text: `AAPL ${'x'.repeat(300 * 1024)}`, response_url: `${fake.url}/respond/huge` });
      const res = await fetch(`${receiver.server.url}/slack/events`, { method: 'POST', headers: signedHeaders(SECRET, body), body });
      expect(res.status).toBe(413);
      await sleep(200);
      expect(fake.calls).toEqual([]);
    });

    it('accepts a request signed four minutes ago (inside the five-minute window)', async () => {
      const sent = await receiver.client.slash('/tickcast', 'help', { timestampSeconds: Math.floor(Date.now() / 1000) - 4 * 60 });
      expect(sent.status).toBe(200);
      await receiver.client.responses(sent);
    });
  });

  it('/forecast AAPL: acks at once, answers with the table and the skill line, then uploads the chart', async () => {
    const before = await footprint(harness);
    const sent = await receiver.client.slash('/forecast', 'AAPL', { user_id: 'UANALYST1', channel_id: 'CFORECAST' });
    expect(sent.status).toBe(200);
    expect(sent.body).toBe('');
    expect(sent.ackMs).toBeLessThan(3000);

    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 60_000);
    const [answer] = receiver.client.responsesTo(sent);
    expect(answer!.body).toMatchObject({ response_type: 'in_channel', replace_original: false });
    const shown = texts(answer!);
    expect(shown[0]).toBe('AAPL · 5-session forecast');
    const table = shown.find((t) => t.startsWith('```'))!;
    const rows = table.split('\n').filter((line) => /^`*\d{4}-\d{2}-\d{2}\s/.test(line));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toMatch(/\d{4}-\d{2}-\d{2}\s+[\d,]+\.\d{2}\s+[+-]?\d+\.\d%\s+[\d,]+\.\d{2} – [\d,]+\.\d{2}\s+[\d,]+\.\d{2} – [\d,]+\.\d{2}/);
    // No trained model in the harness: the answer must say there is no edge.
    expect(shown.some((t) => t.startsWith(':warning: No edge over tomorrow = today lately: showing the random-walk interval.'))).toBe(true);
    expect(shown.some((t) => t.includes('Model `naive`'))).toBe(true);
    expect(String(answer!.body.text)).toContain('AAPL · 5-session forecast');

    // The answer first, then files.uploadV2's three calls, in order.
    const order = fake.calls.map((c) => c.method);
    expect(order).toEqual(['respond', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [getUrl, upload, complete] = fake.calls.slice(1);
    expect(String(getUrl!.body.filename)).toMatch(/^AAPL-forecast-\d{4}-\d{2}-\d{2}\.png$/);
    expect(String(getUrl!.body.alt_text)).toContain('Fan chart of AAPL');
    expect(complete!.body).toMatchObject({ channel_id: 'CFORECAST', files: [{ id: upload!.body.fileId, title: 'AAPL · 5-session forecast' }] });

    const file = fake.files.get(String(upload!.body.fileId))!;
    expect(file.completed).toBe(true);
    const png = file.bytes!;
    expectChatChart(png);
    expect(png.length).toBe(Number(getUrl!.body.length));

    expect((await footprint(harness)).requests).toBe(before.requests + 1);
  });

  it('/tickcast price AAPL answers with the close and uploads its chart', async () => {
    const sent = await receiver.client.slash('/tickcast', 'price AAPL', { user_id: 'UANALYST2' });
    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 60_000);
    const [answer] = receiver.client.responsesTo(sent);
    expect(texts(answer!)[0]).toBe('AAPL · last close');
    expect(fake.files.size).toBe(1);
  });

  it('tells the user to invite the app when the chart cannot be posted; the forecast itself went out', async () => {
    fake.fail('files.completeUploadExternal', { error: 'not_in_channel' });
    const sent = await receiver.client.slash('/forecast', 'AAPL 3', { user_id: 'UANALYST3', channel_id: 'CPRIVATE' });
    const [answer, note] = await receiver.client.responses(sent, 2);
    expect(answer!.body.response_type).toBe('in_channel');
    expect(texts(answer!)[0]).toBe('AAPL · 3-session forecast');
    expect(note!.body.response_type).toBe('ephemeral');
    expect(texts(note!).join(' ')).toContain('Invite it with `/invite @tickcast`');
  });

  describe('bad input gets a short, helpful reply and no stack trace', () => {
    const cases: [string, string, string, RegExp][] = [
      ['unknown ticker', '/forecast', 'ZZZZ', /no bars stored for ZZZZ/],
      ['malformed arguments', '/forecast', 'AAPL 99', /Usage: forecast TICKER \[days\]/],
      ['an unknown subcommand', '/model', 'frobnicate', /`model frobnicate` is not a command/],
      ['oversized text', '/forecast', `AAPL ${'x'.repeat(600)}`, /the limit is 500/],
      ['unbalanced quotes', '/alert', 'add "TSLA below 200', /quote is never closed/],
    ];
    it.each(cases)('%s', async (_label, command, text, expected) => {
      const sent = await receiver.client.slash(command, text, { user_id: 'UCARELESS' });
      expect(sent.status).toBe(200);
      const [reply] = await receiver.client.responses(sent);
      expect(reply!.body.response_type).toBe('ephemeral');
      const shown = texts(reply!).join('\n');
      expect(shown).toMatch(/^:no_entry: /);
      expect(shown).toMatch(expected);
      expect(shown.length).toBeLessThan(400);
      expect(shown).not.toMatch(/\n\s+at |Error:|node_modules|\.ts:\d+/);
      await sleep(100);
      expect(fake.calls.filter((c) => c.method !== 'respond')).toEqual([]);
    });
  });

  it('a replay of a seen request inside the window is refused, not run twice', async () => {
    const first = await receiver.client.slash('/tickcast', 'help', { trigger_id: 'trigger-replayed-1' });
    await receiver.client.responses(first);
    const again = await receiver.client.slash('/tickcast', 'help', { trigger_id: 'trigger-replayed-1' });
    const [reply] = await receiver.client.responses(again);
    expect(texts(reply!).join(' ')).toContain('already handled');
  });

  it('a bare /tickcast shows help, to the asker only', async () => {
    const sent = await receiver.client.slash('/tickcast', '');
    const [reply] = await receiver.client.responses(sent);
    expect(reply!.body.response_type).toBe('ephemeral');
    expect(texts(reply!)[0]).toBe('tickcast commands');
  });

  it('a slash command the app does not own gets a pointer to help', async () => {
    const sent = await receiver.client.slash('/weather', 'Paris');
    expect(sent.status).toBe(200);
    const [reply] = await receiver.client.responses(sent);
    expect(texts(reply!).join(' ')).toContain('/tickcast help');
  });

  it('admin commands are refused to non-admins with a clear message', async () => {
    const sent = await receiver.client.slash('/model', 'rollback', { user_id: 'UNOTADMIN' });
    const [reply] = await receiver.client.responses(sent);
    expect(texts(reply!).join(' ')).toMatch(/:no_entry: `model rollback` is for admins/);
  });
});

describe('Slack surface: failures after the ack still reach the user', () => {
  let harness: BotHarness;
  let fake: FakeSlackApi;

  beforeAll(async () => {
    harness = await openBotHarness({ tickers: [] });
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake?.close();
    // The first test closed the database under the app; closing it again fails, the data folder still goes.
    await harness?.close().catch(() => fs.rmSync(harness.dataDir, { recursive: true, force: true }));
  });

  it('a command whose database is gone answers with an error and a reference', async () => {
    const receiver = await startReceiver(harness.bot, harness, fake);
    try {
      await harness.app.database.close();
      const sent = await receiver.client.slash('/forecast', 'AAPL', { trigger_id: 'trigger-db-gone' });
      expect(sent.status).toBe(200);
      const [reply] = await receiver.client.responses(sent);
      expect(reply!.body.response_type).toBe('ephemeral');
      const shown = texts(reply!).join('\n');
      expect(shown).toMatch(/^:no_entry: /);
      expect(shown).toContain('trigger-db-gone');
    } finally {
      await receiver.close();
    }
  });

  it('a bot that throws (against its contract) still produces "Sorry — that failed"', async () => {
    const broken: Bot = { ...harness.bot, runText: () => Promise.reject(new Error('connection terminated unexpectedly at pg.ts:12')) };
    const receiver = await startReceiver(broken, harness, fake);
    try {
      const sent = await receiver.client.slash('/forecast', 'AAPL', { trigger_id: 'trigger-broken' });
      const [reply] = await receiver.client.responses(sent);
      const shown = texts(reply!).join('\n');
      expect(shown).toBe(':no_entry: Sorry — that failed: something went wrong on our side (reference trigger-broken)');
      expect(shown).not.toContain('pg.ts');
    } finally {
      await receiver.close();
    }
  });
});
