import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { REST } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDiscordRest, createDiscordRest } from '../../../bot/discord/discordRest.ts';
import { createDiscordTransport, FIND_SENT_SCAN, nonceFor } from '../../../bot/discord/discordTransport.ts';
import { OperationalError, RateLimitedError, TemporaryError } from '../../../core/errors.ts';
import type { OutboundBody } from '../../../core/outbox.ts';
import { missingAccess, rateLimited, serverError, startFakeDiscordApi, unknownChannel, type FakeDiscordApi } from '../../fakes/discordApi.ts';
import { CHANNEL_ID } from './discordFixtures.ts';

const TOKEN = 'outbox-bot-token';
const alert: OutboundBody = {
  kind: 'alert',
  event: { id: 9, ruleId: 3, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'discord', channelId: CHANNEL_ID }, asOf: '2026-06-12', value: 198.5, detail: 'closed at 198.50', firedAt: new Date('2026-06-12T21:00:00Z') },
};
const KEY = 'alert:3:2026-06-12';
const messagesPath = `/channels/${CHANNEL_ID}/messages`;

describe('Discord outbox transport', () => {
  let api: FakeDiscordApi;
  let rest: REST;

  beforeAll(async () => {
    api = await startFakeDiscordApi({ token: TOKEN });
    rest = createDiscordRest({ apiUrl: api.url, token: TOKEN, rejectOnRateLimit: true, retries: 0, timeoutMs: 2_000 });
  });
  beforeEach(() => api.reset());
  afterAll(async () => {
    closeDiscordRest(rest);
    await api.close();
  });

  it('posts the alert embed with a nonce from the dedupe key, enforced, and the key in the footer', async () => {
    const transport = createDiscordTransport(rest);
    const { externalId } = await transport.send(CHANNEL_ID, alert, KEY);
    expect(api.calls).toHaveLength(1);
    const call = api.calls[0]!;
    expect(call).toMatchObject({ method: 'POST', path: messagesPath, authorization: `Bot ${TOKEN}` });
    const body = call.body as { nonce: string; enforce_nonce: boolean; embeds: { title: string; footer: { text: string } }[]; allowed_mentions: unknown };
    expect(body.nonce).toBe(nonceFor(KEY));
    expect(body.nonce.length).toBeLessThanOrEqual(25);
    expect(body.enforce_nonce).toBe(true);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds[0]?.title).toBe('🔔 TSLA: alert #3');
    expect(body.embeds[0]?.footer.text).toMatch(/ · ref alert:3:2026-06-12$/);
    expect(api.channelMessages(CHANNEL_ID).map((m) => m.id)).toEqual([externalId]);
  });

  it('sends a repeat of the same key as the same message: Discord answers the nonce with the first one', async () => {
    const transport = createDiscordTransport(rest);
    const first = await transport.send(CHANNEL_ID, alert, KEY);
    const second = await transport.send(CHANNEL_ID, alert, KEY);
    expect(second.externalId).toBe(first.externalId);
    expect(api.channelMessages(CHANNEL_ID)).toHaveLength(1);
  });

  it('finds a message that went through by its key among the channel’s last 50, and nothing for another key', async () => {
    const transport = createDiscordTransport(rest);
    const { externalId } = await transport.send(CHANNEL_ID, alert, KEY);
    await transport.send(CHANNEL_ID, { kind: 'notice', title: 'n', text: 't', severity: 'info' }, 'notice:1');
    expect(await transport.findSent(CHANNEL_ID, KEY)).toBe(externalId);
    expect(await transport.findSent(CHANNEL_ID, 'alert:3:2026-06-13')).toBeNull();
    expect(await transport.findSent(CHANNEL_ID, 'alert:3')).toBeNull();
    const read = api.calls.filter((c) => c.method === 'GET');
    expect(read[0]).toMatchObject({ path: messagesPath, query: { limit: String(FIND_SENT_SCAN) } });
  });

  it('turns a 429 into RateLimitedError with Retry-After, at once, and the next send goes through', async () => {
    const transport = createDiscordTransport(rest);
    api.failNext({ method: 'POST', path: /\/messages$/ }, rateLimited(2.5));
    const started = Date.now();
    const failure = await transport.send(CHANNEL_ID, alert, KEY).catch((err: unknown) => err);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(failure).toBeInstanceOf(RateLimitedError);
    expect((failure as RateLimitedError).retryAfterMs).toBeGreaterThanOrEqual(3_000);
    expect((failure as RateLimitedError).retryAfterMs).toBeLessThan(3_500);
    expect(api.channelMessages(CHANNEL_ID)).toHaveLength(0);
    await transport.send(CHANNEL_ID, alert, KEY);
    expect(api.channelMessages(CHANNEL_ID)).toHaveLength(1);
  });

  it('makes missing access and an unknown channel permanent failures naming Discord’s code', async () => {
    const transport = createDiscordTransport(rest);
    api.failNext({ path: /\/messages$/ }, missingAccess);
    const forbidden = await transport.send(CHANNEL_ID, alert, KEY).catch((err: unknown) => err);
    expect(forbidden).toBeInstanceOf(OperationalError);
    expect(forbidden).toMatchObject({ code: 'discord_missing_access' });
    expect((forbidden as Error).message).toMatch(/Missing Access \(Discord error 50001, HTTP 403\)/);
    api.failNext({ path: /\/messages$/ }, unknownChannel);
    const gone = await transport.send(CHANNEL_ID, alert, KEY).catch((err: unknown) => err);
    expect(gone).toMatchObject({ code: 'discord_not_found' });
    expect((gone as Error).message).toMatch(/Unknown Channel \(Discord error 10003, HTTP 404\)/);
    api.failNext({ method: 'GET', path: /\/messages$/ }, missingAccess);
    await expect(transport.findSent(CHANNEL_ID, KEY)).rejects.toBeInstanceOf(OperationalError);
  });

  it('makes 5xx answers, timeouts and refused connections temporary', async () => {
    const transport = createDiscordTransport(rest);
    api.failNext({ path: /\/messages$/ }, serverError);
    const upstream = await transport.send(CHANNEL_ID, alert, KEY).catch((err: unknown) => err);
    expect(upstream).toBeInstanceOf(TemporaryError);
    expect(upstream).not.toBeInstanceOf(RateLimitedError);
    expect(upstream).toMatchObject({ code: 'discord_unavailable' });

    const hanging = http.createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const slowRest = createDiscordRest({ apiUrl: `http://127.0.0.1:${(hanging.address() as AddressInfo).port}/api`, token: TOKEN, rejectOnRateLimit: true, retries: 0, timeoutMs: 300 });
    const timedOut = await createDiscordTransport(slowRest).send(CHANNEL_ID, alert, KEY).catch((err: unknown) => err);
    expect(timedOut).toBeInstanceOf(TemporaryError);
    expect(timedOut).toMatchObject({ code: 'discord_unreachable' });
    closeDiscordRest(slowRest);
    hanging.closeAllConnections();
    await new Promise<void>((resolve) => hanging.close(() => resolve()));

    const closedRest = createDiscordRest({ apiUrl: 'http://127.0.0.1:9/api', token: TOKEN, rejectOnRateLimit: true, retries: 0, timeoutMs: 2_000 });
    const refused = await createDiscordTransport(closedRest).send(CHANNEL_ID, alert, KEY).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'discord_unreachable' });
    closeDiscordRest(closedRest);
  });
});
