import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGatewaySurface, type GatewaySurface } from '../../../bot/discord/gatewaySurface.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/discordApi.ts';
import { startFakeDiscordGateway, type FakeDiscordGateway } from '../../fakes/discordGateway.ts';
import { expectChatChart } from '../../support/png.ts';
import { sampleForecast, sampleHistory } from '../../support/samples.ts';
import { APP_ID, CHANNEL_ID, commandInteraction, GUILD_ID, INTEGER, silentLogger, STRING, stubBot, SUB_COMMAND } from './discordFixtures.ts';

const TOKEN = 'gateway-bot-token';

describe('Discord over the gateway (no public URL)', () => {
  let api: FakeDiscordApi;
  let gateway: FakeDiscordGateway;
  let surface: GatewaySurface;
  const bot = stubBot(({ path, invocation }) => {
    if (path[0] === 'forecast') return { kind: 'forecast', forecast: sampleForecast(), history: sampleHistory };
    if (path[0] === 'help') return { kind: 'help', topic: null, commands: [] };
    return invocation.actor.roles.includes('discord:role:456')
      ? { kind: 'rolledBack', move: { alias: 'champion', fromVersion: 'v2', toVersion: 'v1', reason: 'rollback', at: new Date(), by: invocation.actor.id } }
      : { kind: 'error', code: 'not_admin', message: '`model rollback` is for admins', reference: null };
  });

  beforeAll(async () => {
    api = await startFakeDiscordApi({ token: TOKEN, applicationId: APP_ID });
    gateway = await startFakeDiscordGateway({ user: api.botUser, applicationId: APP_ID });
    api.setGatewayUrl(gateway.url);
    surface = createGatewaySurface({
      bot,
      token: TOKEN,
      apiUrl: api.url,
      logger: silentLogger,
      readyTimeoutMs: 10_000,
    });
    await surface.start();
  });

  afterAll(async () => {
    await surface?.stop();
    await gateway?.close();
    await api?.close();
  });

  it('identifies with the Guilds intent and the token from the configuration', () => {
    const identify = gateway.received.find((f) => f.op === 2);
    expect(identify?.d).toMatchObject({ token: TOKEN, intents: 1 });
    expect(api.calls[0]).toMatchObject({ method: 'GET', path: '/gateway/bot', authorization: `Bot ${TOKEN}` });
  });

  it('defers an INTERACTION_CREATE, runs the command and edits the reply with the embed and the chart', async () => {
    const interaction = commandInteraction('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }, { name: 'days', type: INTEGER, value: 5 }], { roles: ['456'] });
    gateway.dispatch('INTERACTION_CREATE', interaction);
    const edit = await api.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`);
    const callback = api.calls.find((c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback).toMatchObject({ method: 'POST', body: { type: 5 }, authorization: null });
    expect(api.calls.indexOf(callback!)).toBeLessThan(api.calls.indexOf(edit));
    expect(bot.calls.at(-1)).toMatchObject({
      path: ['forecast'],
      args: { ticker: 'AAPL', days: '5' },
      invocation: { actor: { id: `discord:user:${interaction.member.user.id}`, name: 'mason', roles: ['discord:role:456'] }, channel: { surface: 'discord', channelId: interaction.channel_id }, requestId: interaction.id },
    });
    const body = edit.body as { embeds: { title: string; image?: { url: string } }[] };
    expect(body.embeds[0]).toMatchObject({ title: 'AAPL · 5-session forecast', image: { url: 'attachment://chart.png' } });
    expect(edit.files).toHaveLength(1);
    expect(edit.files[0]).toMatchObject({ name: 'chart.png', contentType: 'image/png' });
    expectChatChart(edit.files[0]!.data);
  });

  it('defers help as ephemeral', async () => {
    const interaction = commandInteraction('help');
    gateway.dispatch('INTERACTION_CREATE', interaction);
    await api.waitForCall((c) => c.method === 'PATCH' && c.path.includes(interaction.token));
    const callback = api.calls.find((c) => c.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    expect(callback?.body).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('reads the member roles of a cached guild, so admins by role are recognised', async () => {
    gateway.dispatch('GUILD_CREATE', {
      id: GUILD_ID, name: 'markets', icon: null, owner_id: '1', afk_channel_id: null, afk_timeout: 300, verification_level: 0, default_message_notifications: 0,
      explicit_content_filter: 0, features: [], mfa_level: 0, system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, vanity_url_code: null,
      description: null, banner: null, premium_tier: 0, preferred_locale: 'en-US', public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false,
      emojis: [], stickers: [], member_count: 2, large: false, unavailable: false, joined_at: '2026-01-01T00:00:00.000Z', voice_states: [], members: [], presences: [],
      threads: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
      channels: [{ id: CHANNEL_ID, type: 0, name: 'markets', position: 0, permission_overwrites: [], guild_id: GUILD_ID }],
      roles: [
        { id: GUILD_ID, name: '@everyone', permissions: '0', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: '456', name: 'tickcast-admins', permissions: '0', position: 1, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(surface.client.guilds.cache.has(GUILD_ID)).toBe(true);
    const interaction = commandInteraction('model', [{ name: 'rollback', type: SUB_COMMAND, options: [] }], { roles: ['456'] });
    gateway.dispatch('INTERACTION_CREATE', interaction);
    const edit = await api.waitForCall((c) => c.method === 'PATCH' && c.path.includes(interaction.token));
    expect(bot.calls.at(-1)?.invocation.actor.roles).toEqual(['discord:role:456']);
    expect(edit.body).toMatchObject({ embeds: [{ title: 'Champion rolled back to v1' }] });
  });
});
