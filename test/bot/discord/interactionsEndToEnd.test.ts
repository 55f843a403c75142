import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type HttpServer } from '../../../app/httpServer.ts';
import { createDiscordSurface, type DiscordSurface } from '../../../bot/discord/discordSurface.ts';
import { INTERACTIONS_PATH } from '../../../bot/discord/interactionsRoute.ts';
import { openBotHarness, type BotHarness } from '../../support/botHarness.ts';
import { startFakeDiscordApi, type FakeDiscordApi, type RecordedCall } from '../../fakes/discordApi.ts';
import { expectChatChart } from '../../support/png.ts';
import { APP_ID, commandInteraction, generateSigningKey, INTEGER, postInteraction, silentLogger, STRING, SUB_COMMAND, type CommandOption } from './discordFixtures.ts';

const key = generateSigningKey();
const ADMIN_ROLE = '456';

interface Embed {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  image?: { url: string };
}

/**
 * The real bot over a real store (AAPL's shared daily bars, no trained model), the real interactions route on the
 * service's HTTP server, real charts; only Discord's REST API is a local fake.
 */
describe('Discord slash commands end to end', () => {
  let harness: BotHarness;
  let api: FakeDiscordApi;
  let surface: DiscordSurface;
  let server: HttpServer;

  beforeAll(async () => {
    harness = await openBotHarness({ tickers: ['AAPL'], admins: [`discord:role:${ADMIN_ROLE}`] });
    api = await startFakeDiscordApi({ applicationId: APP_ID });
    surface = createDiscordSurface({ bot: harness.bot, config: { appId: APP_ID, publicKey: key.publicKeyHex, token: null, apiUrl: api.url }, logger: silentLogger });
    expect(surface.mode).toBe('http');
    server = await startHttpServer(harness.app, 0, { host: '127.0.0.1', routes: [surface.route!] });
  });
  afterAll(async () => {
    await surface?.stop();
    await server?.close();
    await api?.close();
    await harness?.close();
  });

  /** Sends a slash command and returns Discord's immediate answer and the edit that follows it. */
  async function slash(name: string, options: CommandOption[] = [], who: { userId?: string; roles?: string[] } = {}): Promise<{ immediate: unknown; ms: number; edit: RecordedCall; embed: Embed }> {
    const interaction = commandInteraction(name, options, who);
    const response = await postInteraction(`${server.url}${INTERACTIONS_PATH}`, key, interaction);
    expect(response.status).toBe(200);
    const edit = await api.waitForCall((c) => c.method === 'PATCH' && c.path === `/webhooks/${APP_ID}/${interaction.token}/messages/@original`, 30_000);
    const embed = (edit.body as { embeds: Embed[] }).embeds[0]!;
    return { immediate: response.body, ms: response.ms, edit, embed };
  }

  const noStackTrace = (embed: Embed) => {
    const text = JSON.stringify(embed);
    expect(text).not.toMatch(/\bat \S+ \(|node_modules|\.ts:\d+/);
  };

  it('/forecast ticker:AAPL: deferred at once, then the table, the skill line and a real PNG chart', async () => {
    const { immediate, ms, edit, embed } = await slash('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }]);
    expect(immediate).toEqual({ type: 5 });
    expect(ms).toBeLessThan(1_000);
    expect(embed.title).toBe('AAPL · 5-session forecast');
    expect(embed.description).toMatch(/^Last close \*\*[\d,]+\.\d{2}\*\* on \d{4}-\d{2}-\d{2}/);
    expect(embed.description).toMatch(/date\s+median\s+change\s+80% interval\s+95% interval/);
    expect(embed.description?.match(/^\d{4}-\d{2}-\d{2}\s+[\d,]+\.\d{2}\s+[+-]?\d+\.\d%\s+[\d,]+\.\d{2} – [\d,]+\.\d{2}\s+[\d,]+\.\d{2} – [\d,]+\.\d{2}$/gm)).toHaveLength(5);
    expect(embed.fields?.[0]).toMatchObject({ name: 'Skill' });
    expect(embed.fields?.[0]?.value).toMatch(/^No edge over tomorrow = today lately: showing the random-walk interval\./);
    expect(embed.footer?.text).toMatch(/^model naive · as of \d{4}-\d{2}-\d{2}$/);
    expect(embed.image).toEqual({ url: 'attachment://chart.png' });
    expect(edit.files).toHaveLength(1);
    const png = edit.files[0]!;
    expect(png).toMatchObject({ field: 'files[0]', name: 'chart.png', contentType: 'image/png' });
    expectChatChart(png.data);
  });

  it('an unknown ticker gets a short, helpful error', async () => {
    const { embed, edit } = await slash('forecast', [{ name: 'ticker', type: STRING, value: 'ZZZZ' }]);
    expect(embed.title).toBe('That did not work');
    expect(embed.description).toMatch(/ZZZZ/);
    expect(embed.description).toMatch(/tickcast ingest/);
    expect(embed.description!.length).toBeLessThan(300);
    expect(edit.files).toEqual([]);
    noStackTrace(embed);
  });

  it('an unknown subcommand says what exists', async () => {
    const { embed } = await slash('model', [{ name: 'frobnicate', type: SUB_COMMAND, options: [] }]);
    expect(embed.description).toMatch(/`model frobnicate` is not a command/);
    expect(embed.description).toMatch(/`model status`/);
    noStackTrace(embed);
  });

  it('option values of the wrong type or range are refused with the usage', async () => {
    const notANumber = await slash('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }, { name: 'days', type: INTEGER, value: 'abc' }]);
    expect(notANumber.embed.description).toMatch(/days/);
    expect(notANumber.embed.description).toMatch(/Usage: forecast TICKER \[days\]/);
    const tooFar = await slash('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }, { name: 'days', type: INTEGER, value: 99 }]);
    expect(tooFar.embed.title).toBe('That did not work');
    expect(tooFar.embed.description).toMatch(/days/);
    const unexpected = await slash('forecast', [{ name: 'ticker', type: STRING, value: 'AAPL' }, { name: 'colour', type: STRING, value: 'red' }]);
    expect(unexpected.embed.description).toMatch(/colour/);
    for (const { embed } of [notANumber, tooFar, unexpected]) noStackTrace(embed);
  });

  it('oversized text gets a short reply, not an echo of it', async () => {
    const { embed } = await slash('alert', [{ name: 'add', type: SUB_COMMAND, options: [{ name: 'rule', type: STRING, value: `TSLA below ${'9'.repeat(5_000)}` }] }]);
    expect(embed.title).toBe('That did not work');
    expect(embed.description!.length).toBeLessThan(1_000);
    noStackTrace(embed);
  });

  it('admin by Discord role: refused without the role, allowed with it, and both are audited', async () => {
    const userId = '222222222222222222';
    const refused = await slash('model', [{ name: 'rollback', type: SUB_COMMAND, options: [] }], { userId, roles: ['999'] });
    expect(refused.embed.description).toMatch(/`model rollback` is for admins/);
    const allowed = await slash('model', [{ name: 'rollback', type: SUB_COMMAND, options: [] }], { userId, roles: ['999', ADMIN_ROLE] });
    expect(allowed.embed.description ?? '').not.toMatch(/is for admins/);
    const audit = await harness.app.store.audit.list({ actor: `discord:user:${userId}` });
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([
      ['model.rollback', expect.not.stringMatching(/^denied$/)],
      ['model.rollback', 'denied'],
    ]);
  });
});
