import http from 'node:http';
import type { REST } from 'discord.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDiscordRest, createDiscordRest } from '../../../bot/discord/discordRest.ts';
import type { ChartRenderer } from '../../../bot/discord/discordReply.ts';
import { createInteractionsRoute, INTERACTIONS_PATH, type InteractionsRoute } from '../../../bot/discord/interactionsRoute.ts';
import type { CommandResult } from '../../../bot/results.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/discordApi.ts';
import { closeServer, listenLocally } from '../../fakes/localHttp.ts';
import { sampleForecast, sampleHistory } from '../../support/samples.ts';
import {
  APP_ID, commandInteraction, generateSigningKey, INTEGER, nextSnowflake, postInteraction, silentLogger, STRING, stubBot, SUB_COMMAND, type StubCall,
} from './discordFixtures.ts';

const key = generateSigningKey();
const tinyPng = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('Discord interactions endpoint', () => {
  let api: FakeDiscordApi;
  let rest: REST;
  let server: http.Server;
  let url: string;
  let route: InteractionsRoute;
  let answer: (call: StubCall, progress: (note: string) => Promise<void>) => Promise<CommandResult> | CommandResult;
  let charts: ChartRenderer;
  const bot = stubBot((call, progress) => answer(call, progress));

  beforeAll(async () => {
    api = await startFakeDiscordApi({ applicationId: APP_ID });
    rest = createDiscordRest({ apiUrl: api.url, retries: 0 });
    route = createInteractionsRoute({ bot, publicKey: key.publicKeyHex, rest, logger: silentLogger, charts: { forecastPng: (f, h) => charts.forecastPng(f, h), pricePng: (t, h) => charts.pricePng(t, h) } });
    server = http.createServer((req, res) => (req.url === INTERACTIONS_PATH && req.method === route.method ? route.handle(req, res) : res.writeHead(404).end()));
    url = `${await listenLocally(server)}${INTERACTIONS_PATH}`;
  });
  beforeEach(() => {
    api.reset();
    bot.calls.length = 0;
    answer = () => ({ kind: 'forecast', forecast: sampleForecast(), history: sampleHistory });
    charts = { forecastPng: () => Promise.resolve(tinyPng), pricePng: () => Promise.resolve(tinyPng) };
  });
  afterAll(async () => {
    await route.settled();
    closeDiscordRest(rest);
    await closeServer(server);
    await api.close();
  });

  const editOf = (token: string) => api.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${token}/messages/@original`);

  it('answers PING with PONG', async () => {
    const response = await postInteraction(url, key, { id: nextSnowflake(), application_id: APP_ID, type: 1, token: 'x', version: 1 });
    expect(response).toMatchObject({ status: 200, body: { type: 1 } });
  });

  it('defers a command at once, maps name, subcommand and options, then edits the original with no bot token', async () => {
    const interaction = commandInteraction('model', [{ name: 'promote', type: SUB_COMMAND, options: [{ name: 'version', type: STRING, value: 'v12' }] }], { userId: '80351110224678912', username: 'nelly', roles: ['456', '789'] });
    answer = () => ({ kind: 'error', code: 'not_admin', message: '`model promote` is for admins', reference: null });
    const response = await postInteraction(url, key, interaction);
    expect(response).toMatchObject({ status: 200, body: { type: 5 } });
    const edit = await editOf(interaction.token);
    expect(bot.calls).toEqual([
      {
        path: ['model', 'promote'],
        args: { version: 'v12' },
        invocation: { actor: { id: 'discord:user:80351110224678912', name: 'nelly', roles: ['discord:role:456', 'discord:role:789'] }, channel: { surface: 'discord', channelId: interaction.channel_id }, requestId: interaction.id },
      },
    ]);
    expect(edit).toMatchObject({ authorization: null, files: [], body: { embeds: [{ title: 'That did not work', description: '`model promote` is for admins' }], allowed_mentions: { parse: [] } } });
  });

  it('sends typed option values to the bot as strings', async () => {
    const interaction = commandInteraction('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }, { name: 'days', type: INTEGER, value: 3 }]);
    await postInteraction(url, key, interaction);
    await editOf(interaction.token);
    expect(bot.calls[0]?.args).toEqual({ ticker: 'AAPL', days: '3' });
  });

  it('attaches the chart to the forecast embed as multipart with payload_json', async () => {
    const interaction = commandInteraction('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }]);
    await postInteraction(url, key, interaction);
    const edit = await editOf(interaction.token);
    expect(edit.contentType).toMatch(/^multipart\/form-data/);
    expect(edit.body).toMatchObject({ embeds: [{ title: 'AAPL · 5-session forecast', image: { url: 'attachment://chart.png' } }], attachments: [{ id: 0, filename: 'chart.png' }] });
    expect(edit.files).toEqual([{ field: 'files[0]', name: 'chart.png', contentType: 'image/png', data: Buffer.from(tinyPng) }]);
  });

  it('defers help privately (ephemeral), since only the caller needs it', async () => {
    answer = () => ({ kind: 'help', topic: null, commands: [{ usage: 'forecast TICKER [days]', summary: 's', adminOnly: false, examples: [] }] });
    const interaction = commandInteraction('help');
    const response = await postInteraction(url, key, interaction);
    expect(response.body).toEqual({ type: 5, data: { flags: 64 } });
    await editOf(interaction.token);
  });

  it('posts progress notes as follow-ups before the final edit', async () => {
    answer = async (_call, progress) => {
      await progress('training: epoch 1/2');
      await progress('training: epoch 2/2');
      return { kind: 'retrained', version: 'v13', becameChampion: false, seconds: 3, skill: null, naive: null };
    };
    const interaction = commandInteraction('model', [{ name: 'retrain', type: SUB_COMMAND, options: [] }]);
    await postInteraction(url, key, interaction);
    await editOf(interaction.token);
    const calls = api.calls.map((c) => `${c.method} ${c.path}`);
    expect(calls).toEqual([`POST /webhooks/${APP_ID}/${interaction.token}`, `POST /webhooks/${APP_ID}/${interaction.token}`, `PATCH /webhooks/${APP_ID}/${interaction.token}/messages/@original`]);
    expect(api.calls[0]?.body).toMatchObject({ embeds: [{ description: 'training: epoch 1/2' }] });
  });

  it('still answers the forecast, without the chart, when the chart fails to render', async () => {
    charts = { forecastPng: () => Promise.reject(new Error('no fonts')), pricePng: () => Promise.reject(new Error('no fonts')) };
    const interaction = commandInteraction('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }]);
    await postInteraction(url, key, interaction);
    const edit = await editOf(interaction.token);
    expect(edit.files).toEqual([]);
    const embed = (edit.body as { embeds: { title: string; image?: unknown; footer: { text: string } }[] }).embeds[0]!;
    expect(embed.title).toBe('AAPL · 5-session forecast');
    expect(embed.image).toBeUndefined();
    expect(embed.footer.text).toMatch(/The chart could not be drawn this time\.$/);
  });

  it('still reaches the user when Discord refuses the answer after the deferral', async () => {
    api.failNext({ method: 'PATCH', path: /@original$/ }, { status: 400, body: { message: 'Invalid Form Body', code: 50035 } });
    const interaction = commandInteraction('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }]);
    await postInteraction(url, key, interaction);
    await route.settled();
    const edits = api.calls.filter((c) => c.method === 'PATCH');
    expect(edits.map((c) => c.status)).toEqual([400, 200]);
    expect(edits[1]?.body).toMatchObject({ embeds: [{ title: 'Something went wrong on our side', footer: { text: `reference ${interaction.id}` } }] });
  });

  it('still reaches the user when the command itself blows up after the deferral', async () => {
    answer = () => Promise.reject(new Error('database went away'));
    const interaction = commandInteraction('price', [{ name: 'ticker', type: STRING, value: 'AAPL' }]);
    expect((await postInteraction(url, key, interaction)).body).toEqual({ type: 5 });
    const edit = await editOf(interaction.token);
    expect(JSON.stringify(edit.body)).not.toContain('database went away');
    expect(edit.body).toMatchObject({ embeds: [{ description: 'The answer could not be delivered in full. Please try again in a moment.' }] });
  });

  describe('refuses, with no side effects', () => {
    const refusedQuietly = async (response: { status: number }, status: number) => {
      expect(response.status).toBe(status);
      await route.settled();
      expect(bot.calls).toEqual([]);
      expect(api.calls).toEqual([]);
    };

    it('unsigned requests', async () => {
      await refusedQuietly(await postInteraction(url, key, commandInteraction('forecast'), { unsigned: true }), 401);
    });

    it('forged requests: another key, or a body changed after signing', async () => {
      const interaction = commandInteraction('model', [{ name: 'rollback', type: SUB_COMMAND, options: [] }]);
      await refusedQuietly(await postInteraction(url, generateSigningKey(), interaction), 401);
      await refusedQuietly(await postInteraction(url, key, interaction, { signBody: JSON.stringify({ ...interaction, member: { ...interaction.member, roles: [] } }) }), 401);
    });

    it('replays: a valid signature more than five minutes old, or the same interaction again', async () => {
      await refusedQuietly(await postInteraction(url, key, commandInteraction('forecast'), { timestamp: Math.floor(Date.now() / 1000) - 301 }), 401);
      const interaction = commandInteraction('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }]);
      expect((await postInteraction(url, key, interaction)).status).toBe(200);
      await route.settled();
      api.reset();
      bot.calls.length = 0;
      await refusedQuietly(await postInteraction(url, key, interaction), 401);
    });

    it('bodies over 64 KB with 413', async () => {
      const huge = commandInteraction('alert', [{ name: 'add', type: SUB_COMMAND, options: [{ name: 'rule', type: STRING, value: 'x'.repeat(70_000) }] }]);
      await refusedQuietly(await postInteraction(url, key, huge), 413);
    });

    it('signed but malformed bodies and unknown interaction types with 400', async () => {
      await refusedQuietly(await postInteraction(url, key, null, { rawBody: '{not json' }), 400);
      await refusedQuietly(await postInteraction(url, key, { id: nextSnowflake(), application_id: APP_ID, type: 3, token: 't', version: 1, data: { custom_id: 'x' } }), 400);
      await refusedQuietly(await postInteraction(url, key, { id: nextSnowflake(), application_id: APP_ID, type: 2, token: 't', version: 1, data: { name: 'forecast', options: [{ name: 'ticker', type: 3, value: { $ne: 1 } }] } }), 400);
    });
  });
});
