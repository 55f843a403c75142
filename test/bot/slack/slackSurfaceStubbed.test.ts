import http from 'node:http';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../app/logger.ts';
import type { Bot, RunOptions } from '../../../bot/bot.ts';
import type { Invocation } from '../../../bot/command.ts';
import type { CommandResult } from '../../../bot/results.ts';
import { createSlackSurface, type SlackSurface } from '../../../bot/slack/slackSurface.ts';
import { UserError } from '../../../core/errors.ts';
import { closeServer, listenLocally } from '../../fakes/localHttp.ts';
import { FAKE_TEAM_ID, startFakeSlackApi, type FakeSlackApi } from '../../fakes/slackApi.ts';
import { SAMPLE_RESULTS } from '../sampleResults.ts';
import { blockTexts } from './blockTexts.ts';
import { createSlackClient } from './slackClient.ts';

/**
 * The surface's own behaviour with a scripted bot (no database): progress notes within response_url's five uses,
 * the report PDF upload, what the bot is handed, and Socket Mode end to end over a WebSocket.
 */
const SECRET = 'stubbed-signing-secret';
const logger = createLogger('silent');

type Script = (text: string, invocation: Invocation, options: RunOptions) => Promise<CommandResult>;

function scriptedBot(script: Script): Bot & { seen: { text: string; invocation: Invocation }[] } {
  const seen: { text: string; invocation: Invocation }[] = [];
  return {
    seen,
    commands: [],
    runText: (text, invocation, options = {}) => {
      seen.push({ text, invocation });
      return script(text, invocation, options);
    },
    runArgs: () => Promise.reject(new UserError('unsupported', 'not used by Slack')),
  };
}

async function mount(surface: SlackSurface): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => surface.route!.handle(req, res));
  return { url: await listenLocally(server), close: () => closeServer(server) };
}

describe('Slack surface with a scripted bot', () => {
  let fake: FakeSlackApi;
  let closeAll: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    fake = await startFakeSlackApi();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => fake.reset());
  afterEach(async () => {
    for (const close of closeAll.reverse()) await close();
    closeAll = [];
  });

  async function httpSurface(bot: Bot) {
    const surface = createSlackSurface({ bot, config: { botToken: fake.botToken, signingSecret: SECRET, appToken: null, apiUrl: fake.apiUrl }, logger });
    const server = await mount(surface);
    closeAll.push(() => server.close(), () => surface.stop(2000));
    return { surface, client: createSlackClient(server.url, fake, SECRET) };
  }

  it('passes the command line and who asked, where, under which trigger id', async () => {
    const bot = scriptedBot(async () => SAMPLE_RESULTS.help);
    const { client } = await httpSurface(bot);
    const sent = await client.slash('/alert', 'add TSLA below 200', { user_id: 'U123', user_name: 'ana', channel_id: 'C777', trigger_id: 'trig-1' });
    await client.responses(sent);
    const tickcast = await client.slash('/tickcast', '  price   AAPL ');
    await client.responses(tickcast);
    expect(bot.seen).toEqual([
      { text: 'alert add TSLA below 200', invocation: { actor: { id: 'slack:U123', name: 'ana', roles: [] }, channel: { surface: 'slack', channelId: 'C777' }, requestId: 'trig-1' } },
      { text: 'price   AAPL', invocation: expect.objectContaining({ requestId: tickcast.triggerId }) },
    ]);
  });

  it('posts progress notes ephemerally, keeping two response_url uses for the answer and a note', async () => {
    const bot = scriptedBot(async (_text, _invocation, options) => {
      for (let step = 1; step <= 6; step++) await options.progress?.(`epoch ${step} of 6`);
      return SAMPLE_RESULTS.retrained;
    });
    const { client } = await httpSurface(bot);
    const sent = await client.slash('/model', 'retrain', { user_id: 'UADMIN1' });
    const replies = await client.responses(sent, 4);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.responsesTo(sent)).toHaveLength(4);
    expect(replies.slice(0, 3).map((r) => [r.body.response_type, blockTexts(r.body.blocks as unknown[])[0]])).toEqual([
      ['ephemeral', ':hourglass_flowing_sand: epoch 1 of 6'],
      ['ephemeral', ':hourglass_flowing_sand: epoch 2 of 6'],
      ['ephemeral', ':hourglass_flowing_sand: epoch 3 of 6'],
    ]);
    expect(replies[3]!.body.response_type).toBe('in_channel');
    expect(blockTexts(replies[3]!.body.blocks as unknown[])[0]).toContain('Trained `v5`');
  });

  it('uploads a report PDF byte for byte after the answer', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n' + 'x'.repeat(5000) + '\n%%EOF\n');
    const bot = scriptedBot(async () => ({ ...SAMPLE_RESULTS.report, file: { name: 'tickcast-2026-06-12.pdf', bytes: pdf } }));
    const { client } = await httpSurface(bot);
    const sent = await client.slash('/report', '', { channel_id: 'CREPORTS' });
    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'));
    expect(fake.calls.map((c) => c.method)).toEqual(['respond', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(client.responsesTo(sent)).toHaveLength(1);
    const [file] = [...fake.files.values()];
    expect(file).toMatchObject({ filename: 'tickcast-2026-06-12.pdf', channelId: 'CREPORTS', title: 'tickcast daily', completed: true });
    expect(Buffer.from(file!.bytes!).equals(Buffer.from(pdf))).toBe(true);
  });

  it('says so when the chart cannot be drawn; the forecast still went out', async () => {
    const bot = scriptedBot(async () => SAMPLE_RESULTS.forecast);
    const surface = createSlackSurface({
      bot,
      config: { botToken: fake.botToken, signingSecret: SECRET, appToken: null, apiUrl: fake.apiUrl },
      logger,
      charts: { forecastPng: () => Promise.reject(new Error('resvg exploded')), pricePng: () => Promise.reject(new Error('unused')) },
    });
    const server = await mount(surface);
    closeAll.push(() => server.close(), () => surface.stop(2000));
    const client = createSlackClient(server.url, fake, SECRET);
    const sent = await client.slash('/forecast', 'AAPL');
    const [answer, note] = await client.responses(sent, 2);
    expect(answer!.body.response_type).toBe('in_channel');
    expect(note!.body.response_type).toBe('ephemeral');
    expect(blockTexts(note!.body.blocks as unknown[]).join(' ')).toContain('could not be drawn');
    expect(fake.callsTo('files.getUploadURLExternal')).toHaveLength(0);
  });

  it('when the response_url refuses the answer, it comes as an ephemeral message instead', async () => {
    const { client } = await httpSurface(scriptedBot(async () => SAMPLE_RESULTS.forecast));
    fake.fail('respond', { status: 404 });
    const sent = await client.slash('/forecast', 'AAPL', { channel_id: 'CEPHEMERAL', user_id: 'ULOST' });
    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'));
    expect(fake.calls.map((c) => c.method)).toEqual(['respond', 'chat.postEphemeral', 'files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    const [ephemeral] = fake.callsTo('chat.postEphemeral');
    expect(ephemeral!.body).toMatchObject({ channel: 'CEPHEMERAL', user: 'ULOST' });
    expect(blockTexts(ephemeral!.body.blocks as unknown[])[0]).toBe('AAPL · 5-session forecast');
    expect(client.responsesTo(sent)).toHaveLength(1);
  });

  it('stop() waits for answers already acknowledged', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const bot = scriptedBot(async () => {
      await gate;
      return SAMPLE_RESULTS.help;
    });
    const { surface, client } = await httpSurface(bot);
    const sent = await client.slash('/tickcast', 'help');
    expect(sent.status).toBe(200);
    expect(surface.inFlight()).toBe(1);
    const stopping = surface.stop(5000);
    release();
    await stopping;
    expect(client.responsesTo(sent)).toHaveLength(1);
    expect(surface.inFlight()).toBe(0);
  });

  it('refuses to start without the settings it needs', () => {
    const bot = scriptedBot(async () => SAMPLE_RESULTS.help);
    expect(() => createSlackSurface({ bot, config: { botToken: null, signingSecret: SECRET, appToken: null, apiUrl: null }, logger })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => createSlackSurface({ bot, config: { botToken: 'xoxb-1', signingSecret: null, appToken: null, apiUrl: null }, logger })).toThrow(/SLACK_SIGNING_SECRET/);
  });

  it('Socket Mode: no route; commands arrive over the WebSocket, are acked there and answered by response_url', async () => {
    const bot = scriptedBot(async () => SAMPLE_RESULTS.forecast);
    const surface = createSlackSurface({ bot, config: { botToken: fake.botToken, signingSecret: null, appToken: fake.appToken, apiUrl: fake.apiUrl }, logger });
    closeAll.push(() => surface.stop(2000));
    expect(surface.mode).toBe('socket');
    expect(surface.route).toBeNull();
    await surface.start();
    await fake.socket.connected();
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    expect(fake.callsTo('auth.test')).toHaveLength(1);

    const ack = await fake.socket.send('slash_commands', {
      token: 'gIkuvaNzQIHg97ATvDxqgjtO', team_id: FAKE_TEAM_ID, team_domain: 'example', channel_id: 'CSOCKET', channel_name: 'test', user_id: 'USOCKET', user_name: 'sam',
      command: '/forecast', text: 'AAPL', api_app_id: 'A123456', response_url: `${fake.url}/respond/socket-1`, trigger_id: 'trigger-socket-1',
    });
    expect(ack.envelope_id).toMatch(/^envelope-/);
    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 30_000);
    const [answer] = fake.callsTo('respond');
    expect(answer!.responseId).toBe('socket-1');
    expect(blockTexts(answer!.body.blocks as unknown[])[0]).toBe('AAPL · 5-session forecast');
    expect(bot.seen[0]!.invocation).toMatchObject({ actor: { id: 'slack:USOCKET' }, channel: { channelId: 'CSOCKET' }, requestId: 'trigger-socket-1' });

    await surface.stop(2000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.socket.openConnections()).toBe(0);
  });
});
