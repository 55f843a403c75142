import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordSurface } from '../../../bot/discord/discordSurface.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/discordApi.ts';
import { startFakeDiscordGateway, type FakeDiscordGateway } from '../../fakes/discordGateway.ts';
import { APP_ID, CHANNEL_ID, generateSigningKey, silentLogger, stubBot } from './discordFixtures.ts';

const TOKEN = 'surface-bot-token';
const bot = stubBot(() => ({ kind: 'help', topic: null, commands: [] }));

describe('createDiscordSurface', () => {
  let api: FakeDiscordApi;
  let gateway: FakeDiscordGateway;
  beforeAll(async () => {
    api = await startFakeDiscordApi({ token: TOKEN, applicationId: APP_ID });
    gateway = await startFakeDiscordGateway({ user: api.botUser, applicationId: APP_ID });
    api.setGatewayUrl(gateway.url);
  });
  afterAll(async () => {
    await gateway.close();
    await api.close();
  });

  it('takes HTTP interactions when a public key is set, and posts alerts when a token is set too', async () => {
    const surface = createDiscordSurface({ bot, config: { appId: APP_ID, publicKey: generateSigningKey().publicKeyHex, token: TOKEN, apiUrl: api.url }, logger: silentLogger });
    expect(surface.mode).toBe('http');
    expect(surface.route).toMatchObject({ method: 'POST', path: '/discord/interactions' });
    expect(surface.transport?.surface).toBe('discord');
    await surface.start();
    await surface.transport!.send(CHANNEL_ID, { kind: 'notice', title: 'hello', text: 'from the outbox', severity: 'info' }, 'notice:surface');
    expect(api.calls.filter((c) => c.path === '/gateway/bot')).toEqual([]);
    expect(api.channelMessages(CHANNEL_ID)).toHaveLength(1);
    await surface.stop();
  });

  it('answers commands but cannot post alerts with a public key and no token', () => {
    const surface = createDiscordSurface({ bot, config: { appId: APP_ID, publicKey: generateSigningKey().publicKeyHex, token: null, apiUrl: api.url }, logger: silentLogger });
    expect(surface.mode).toBe('http');
    expect(surface.transport).toBeNull();
  });

  it('connects over the gateway when only a token is set', async () => {
    const surface = createDiscordSurface({ bot, config: { appId: APP_ID, publicKey: null, token: TOKEN, apiUrl: api.url }, logger: silentLogger });
    expect(surface.mode).toBe('gateway');
    expect(surface.route).toBeNull();
    expect(surface.transport).not.toBeNull();
    await surface.start();
    expect(gateway.received.some((f) => f.op === 2)).toBe(true);
    await surface.stop();
  });

  it('is off without Discord configuration', async () => {
    const surface = createDiscordSurface({ bot, config: { appId: null, publicKey: null, token: null, apiUrl: null }, logger: silentLogger });
    expect(surface).toMatchObject({ mode: 'off', route: null, transport: null });
    await surface.start();
    await surface.stop();
  });

  it('fails to start with a clear error when the token is refused', async () => {
    const surface = createDiscordSurface({ bot, config: { appId: APP_ID, publicKey: null, token: 'wrong', apiUrl: api.url }, logger: silentLogger });
    await expect(surface.start()).rejects.toMatchObject({ code: 'discord_login_failed' });
    await surface.stop();
  });
});
