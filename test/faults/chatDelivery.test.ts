import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from 'discord.js';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxWorker, type OutboxWorker } from '../../alerts/outboxWorker.ts';
import { createLogger } from '../../app/logger.ts';
import { closeDiscordRest, createDiscordRest } from '../../bot/discord/discordRest.ts';
import { createDiscordTransport } from '../../bot/discord/discordTransport.ts';
import { boltLogger } from '../../bot/slack/boltLogger.ts';
import { createOutboxClient, createSlackTransport } from '../../bot/slack/slackTransport.ts';
import type { ChannelRef } from '../../core/chat.ts';
import type { ChatTransport, OutboundBody } from '../../core/outbox.ts';
import { createStore } from '../../storage/store.ts';
import { rateLimited, serverError, startFakeDiscordApi, type FakeDiscordApi } from '../fakes/discordApi.ts';
import { startFakeSlackApi, type FakeSlackApi } from '../fakes/slackApi.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

/**
 * Slack and Discord having a bad day, seen from the outbox: the real worker over a real database, the product's
 * own Slack and Discord clients, and local fakes of both APIs answering 5xx, 429 or nothing. A message is retried
 * with backoff and then settles as `failed` with the error kept; the worker never throws and keeps delivering.
 */

const notice = (text: string): OutboundBody => ({ kind: 'notice', title: 'fault test', text, severity: 'info' });
const MAX_ATTEMPTS = 3;
const TOKEN = 'fault-bot-token';

describe.each(ENGINES)('chat deliveries against failing platforms on $name', (engine) => {
  const db = useTestDatabase(engine);
  const store = () => createStore(db().db);
  let slack: FakeSlackApi;
  let discord: FakeDiscordApi;
  let discordRest: REST;
  let worker: OutboxWorker | null = null;
  let channels = 0;

  beforeAll(async () => {
    slack = await startFakeSlackApi();
    discord = await startFakeDiscordApi({ token: TOKEN });
    // As bot/discord/discordSurface.ts builds its outbox client, with a shorter timeout.
    discordRest = createDiscordRest({ apiUrl: discord.url, token: TOKEN, rejectOnRateLimit: true, retries: 0, timeoutMs: 500 });
  });
  afterAll(async () => {
    closeDiscordRest(discordRest);
    await slack.close();
    await discord.close();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    slack.reset();
    discord.reset();
  });

  const slackTransport = (timeoutMs = 2_000) => createSlackTransport(createOutboxClient({ botToken: slack.botToken, apiUrl: slack.apiUrl, timeoutMs, logger: boltLogger(createLogger('silent')) }));
  const newChannel = (surface: 'slack' | 'discord'): ChannelRef => ({ surface, channelId: surface === 'slack' ? `CF${process.pid}x${++channels}` : `${1_200_000_000_000_000_000n + BigInt(++channels)}` });

  function start(transport: ChatTransport) {
    const errors: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void errors.push(line) });
    worker = startOutboxWorker({ store: store(), transports: [transport], logger, minGapMs: 50, pollMs: 200, maxAttempts: MAX_ATTEMPTS });
    return { worker, logged: () => errors.map((line) => JSON.parse(line) as { level: number; msg: string }) };
  }

  async function enqueue(channel: ChannelRef, ...keys: string[]): Promise<void> {
    for (const key of keys) expect(await store().outbox.enqueue({ channel, body: notice(key), dedupeKey: key })).not.toBeNull();
  }

  async function messageOf(dedupeKey: string) {
    return (await store().outbox.list({ limit: 10_000 })).find((m) => m.dedupeKey === dedupeKey)!;
  }

  /** Gaps between successive attempts, in ms. */
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

  describe('Slack', () => {
    it('5xx on every attempt: retried with growing backoff, then failed with the error kept; the next message goes out', async () => {
      const channel = newChannel('slack');
      await enqueue(channel, `s5xx:${channel.channelId}:doomed`, `s5xx:${channel.channelId}:next`);
      slack.fail('chat.postMessage', { status: 503 }, MAX_ATTEMPTS);
      const attempts: number[] = [];
      const transport = slackTransport();
      const timed: ChatTransport = { ...transport, send: (...args) => (attempts.push(Date.now()), transport.send(...args)) };
      const { worker, logged } = start(timed);
      await worker.drain(20_000);

      expect(slack.callsTo('chat.postMessage')).toHaveLength(MAX_ATTEMPTS + 1);
      const [first, second, third] = gaps(attempts);
      expect(first).toBeGreaterThanOrEqual(1000);
      expect(second).toBeGreaterThanOrEqual(2000);
      expect(third).toBeDefined(); // the next message, once the failed one freed the channel
      const doomed = await messageOf(`s5xx:${channel.channelId}:doomed`);
      expect(doomed).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
      expect(doomed.lastError).toMatch(/^gave up after 3 attempts: slack_\w+: .*503/);
      expect(await messageOf(`s5xx:${channel.channelId}:next`)).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(slack.messagesIn(channel.channelId).map((m) => m.text)).toEqual([expect.stringContaining(`s5xx:${channel.channelId}:next`)]);
      expect(logged().filter((line) => line.level >= 50).map((line) => line.msg)).toEqual(['outbox: gave up after 3 attempts; message dropped']);
    }, 30_000);

    it('429: waits as long as Slack asks, then delivers once (a rate limit alone never fails a message)', async () => {
      const channel = newChannel('slack');
      const key = `s429:${channel.channelId}`;
      await enqueue(channel, key);
      slack.fail('chat.postMessage', { rateLimited: 1 }, 2);
      const started = Date.now();
      const { worker } = start(slackTransport());
      await worker.drain(20_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
      expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
      expect(await messageOf(key)).toMatchObject({ state: 'delivered', attempts: 3, lastError: expect.stringMatching(/^rate_limited: /) });
      expect(slack.messagesIn(channel.channelId)).toHaveLength(1);
    }, 30_000);

    it('no answer within the timeout on every attempt: failed with the timeout kept', async () => {
      const channel = newChannel('slack');
      const key = `stimeout:${channel.channelId}`;
      await enqueue(channel, key);
      // The fake never answers these posts (nor does it post them).
      const silent = http.createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      try {
        const apiUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`;
        const transport = createSlackTransport(createOutboxClient({ botToken: slack.botToken, apiUrl, timeoutMs: 300, logger: boltLogger(createLogger('silent')) }));
        const { worker } = start(transport);
        await worker.drain(20_000);
      } finally {
        silent.closeAllConnections();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
      const message = await messageOf(key);
      expect(message).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
      expect(message.lastError).toMatch(/^gave up after 3 attempts: slack_unreachable: /);
    }, 30_000);

    // Known bug (reported): a timed-out post is rescheduled as a plain retry, not as uncertain, so the retry posts
    // again without `findSent` looking first. Flip to `it` once the worker looks before resending.
    it('a post that reached Slack but whose answer timed out is not posted a second time', async () => {
      const channel = newChannel('slack');
      const key = `sstall:${channel.channelId}`;
      await enqueue(channel, key);
      slack.fail('chat.postMessage', { stall: true }, 1);
      const { worker } = start(slackTransport(300));
      await worker.drain(20_000);
      expect(await messageOf(key)).toMatchObject({ state: 'delivered' });
      expect(slack.messagesIn(channel.channelId)).toHaveLength(1);
    }, 30_000);
  });

  describe('Discord', () => {
    it('5xx on every attempt: retried with backoff, then failed with the error kept; the next message goes out', async () => {
      const channel = newChannel('discord');
      const path = new RegExp(`/channels/${channel.channelId}/messages$`);
      await enqueue(channel, `d5xx:${channel.channelId}:doomed`, `d5xx:${channel.channelId}:next`);
      discord.failNext({ method: 'POST', path }, serverError, MAX_ATTEMPTS);
      const { worker, logged } = start(createDiscordTransport(discordRest));
      await worker.drain(20_000);

      const posts = discord.calls.filter((call) => call.method === 'POST' && path.test(call.path));
      expect(posts).toHaveLength(MAX_ATTEMPTS + 1);
      const doomed = await messageOf(`d5xx:${channel.channelId}:doomed`);
      expect(doomed).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
      expect(doomed.lastError).toMatch(/^gave up after 3 attempts: discord_unavailable: /);
      expect(await messageOf(`d5xx:${channel.channelId}:next`)).toMatchObject({ state: 'delivered' });
      expect(discord.channelMessages(channel.channelId)).toHaveLength(1);
      expect(logged().filter((line) => line.level >= 50).map((line) => line.msg)).toEqual(['outbox: gave up after 3 attempts; message dropped']);
    }, 30_000);

    it('429: waits as long as Discord asks, then delivers once', async () => {
      const channel = newChannel('discord');
      const key = `d429:${channel.channelId}`;
      await enqueue(channel, key);
      discord.failNext({ method: 'POST', path: new RegExp(`/channels/${channel.channelId}/messages$`) }, rateLimited(1), 1);
      const started = Date.now();
      const { worker } = start(createDiscordTransport(discordRest));
      await worker.drain(20_000);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
      expect(await messageOf(key)).toMatchObject({ state: 'delivered', attempts: 2, lastError: expect.stringMatching(/^rate_limited: /) });
      expect(discord.channelMessages(channel.channelId)).toHaveLength(1);
    }, 30_000);

    it('no answer within the timeout on every attempt: failed with the timeout kept', async () => {
      const channel = newChannel('discord');
      const key = `dtimeout:${channel.channelId}`;
      await enqueue(channel, key);
      const silent = http.createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const slowRest = createDiscordRest({ apiUrl: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api`, token: TOKEN, rejectOnRateLimit: true, retries: 0, timeoutMs: 300 });
      try {
        const { worker } = start(createDiscordTransport(slowRest));
        await worker.drain(20_000);
      } finally {
        closeDiscordRest(slowRest);
        silent.closeAllConnections();
        await new Promise<void>((resolve) => silent.close(() => resolve()));
      }
      const message = await messageOf(key);
      expect(message).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
      expect(message.lastError).toMatch(/^gave up after 3 attempts: discord_unreachable: /);
    }, 30_000);
  });
});
