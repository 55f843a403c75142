import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../bot/commands/index.ts';
import { runCli } from '../../support/cli.ts';
import { startFakeDiscordApi, type FakeDiscordApi } from '../../fakes/discordApi.ts';
import { APP_ID } from './discordFixtures.ts';

const TOKEN = 'register-bot-token';

describe('tickcast discord register', () => {
  let api: FakeDiscordApi;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-discord-cli-'));
  const env = () => ({ TICKCAST_DATA_DIR: path.join(root, 'data'), DISCORD_TOKEN: TOKEN, DISCORD_APP_ID: APP_ID, DISCORD_API_URL: api.url });

  beforeAll(async () => {
    api = await startFakeDiscordApi({ token: TOKEN, applicationId: APP_ID });
  });
  beforeEach(() => api.reset());
  afterAll(async () => {
    await api.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('PUTs every command family globally with the bot token and prints what it registered', async () => {
    const result = await runCli(['discord', 'register'], env());
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(api.calls).toHaveLength(1);
    const put = api.calls[0]!;
    expect(put).toMatchObject({ method: 'PUT', path: `/applications/${APP_ID}/commands`, authorization: `Bot ${TOKEN}` });
    const body = put.body as { name: string; description: string; options?: { type: number; name: string }[] }[];
    const families = [...new Set(COMMANDS.map((c) => c.path[0]))];
    expect(body.map((c) => c.name).sort()).toEqual([...families].sort());
    expect(body.find((c) => c.name === 'model')?.options?.map((o) => o.type)).toSatisfy((types: number[]) => types.every((t) => t === 1));
    for (const command of body) expect(command.description.length).toBeLessThanOrEqual(100);
    expect(result.stdout).toMatch(/^Registered \d+ slash commands globally/);
    expect(result.stdout).toContain('/forecast ticker [days]');
    expect(result.stdout).toMatch(/\/model [a-z|]*promote/);
    // Nothing to do with the database: registering must work before the first `tickcast start`.
    expect(fs.existsSync(path.join(root, 'data'))).toBe(false);
  });

  it('registers in one guild with --guild, and prints JSON with --json', async () => {
    const result = await runCli(['discord', 'register', '--guild', '1290000000000000001', '--json'], env());
    expect(result.code).toBe(0);
    expect(api.calls[0]).toMatchObject({ method: 'PUT', path: `/applications/${APP_ID}/guilds/1290000000000000001/commands` });
    const json = JSON.parse(result.stdout) as { scope: string; guildId: string; commands: { id: string; name: string; usage: string }[]; skipped: unknown[] };
    expect(json).toMatchObject({ scope: 'guild', guildId: '1290000000000000001', skipped: [] });
    expect(json.commands.find((c) => c.name === 'forecast')).toMatchObject({ id: expect.stringMatching(/^\d+$/), usage: '/forecast ticker [days]' });
  });

  it('names the missing variables in one line, and calls nothing', async () => {
    const result = await runCli(['discord', 'register'], { TICKCAST_DATA_DIR: path.join(root, 'data'), DISCORD_API_URL: api.url });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('tickcast: set DISCORD_TOKEN and DISCORD_APP_ID to register the Discord commands\n');
    const onlyToken = await runCli(['discord', 'register', '--json'], { TICKCAST_DATA_DIR: path.join(root, 'data'), DISCORD_TOKEN: TOKEN, DISCORD_API_URL: api.url });
    expect(onlyToken.code).toBe(2);
    expect(JSON.parse(onlyToken.stdout)).toEqual({ error: { code: 'discord_not_configured', message: 'set DISCORD_APP_ID to register the Discord commands' } });
    expect(api.calls).toHaveLength(0);
  });

  it('refuses a malformed guild id before calling Discord', async () => {
    const result = await runCli(['discord', 'register', '--guild', 'my-server'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^tickcast: --guild must be a numeric guild id/);
    expect(api.calls).toHaveLength(0);
  });

  it("reports Discord's refusal (a wrong token) in one line with Discord's error", async () => {
    const result = await runCli(['discord', 'register'], { ...env(), DISCORD_TOKEN: 'wrong-token' });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^tickcast: Discord refused the command registration: 401: Unauthorized \(Discord error 0, HTTP 401\)/);
  });
});
