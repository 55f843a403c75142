import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_TELEMETRY } from '../../core/telemetry.ts';
import { createBot } from '../../bot/createBot.ts';
import { RateLimiter } from '../../bot/rateLimiter.ts';
import { openBotHarness, type BotHarness } from '../support/botHarness.ts';
import { expectKind, from } from './support.ts';

describe('the bot dispatcher', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await openBotHarness({ tickers: ['AAPL'], admins: ['slack:UADMIN', 'discord:role:456'] });
  });
  afterAll(() => h.close());

  it('answers a forecast with the path, the skill and the recent closes', async () => {
    const result = expectKind(await h.bot.runText('forecast aapl 3', from('slack:U1')), 'forecast');
    expect(result.forecast.ticker).toBe('AAPL');
    expect(result.forecast.points).toHaveLength(3);
    expect(result.forecast.edge).toBe(false);
    expect(result.history).toHaveLength(60);
    expect(result.history.at(-1)!.date).toBe(result.forecast.asOf);
  });

  it('names what is wrong, with the usage, and suggests the command meant', async () => {
    expect(expectKind(await h.bot.runText('forcast AAPL', from('slack:U1')), 'error').message).toMatch(/did you mean `forecast`/);
    const bad = expectKind(await h.bot.runText('forecast AAPL 9', from('slack:U1')), 'error');
    expect(bad.code).toBe('bad_arguments');
    expect(bad.message).toMatch(/days: must be 1\.\.5 sessions\. Usage: forecast TICKER \[days\]/);
    expect(expectKind(await h.bot.runText('forecast', from('slack:U1')), 'error').message).toMatch(/TICKER: a ticker symbol is required/);
    expect(expectKind(await h.bot.runText('forecast AAPL 3 extra', from('slack:U1')), 'error').code).toBe('too_many_arguments');
    expect(expectKind(await h.bot.runText('model frobnicate', from('slack:U1')), 'error').message).toMatch(/`model frobnicate` is not a command/);
    expect(expectKind(await h.bot.runText('forecast NOPE', from('slack:U1')), 'error').code).toBe('unknown_ticker');
    expect(expectKind(await h.bot.runArgs(['forecast'], { ticker: 'AAPL', weeks: '2' }, from('discord:user:1', { surface: 'discord' })), 'error').code).toBe('unknown_option');
  });

  it('refuses admin commands to non-admins and logs the refusal; admits admins by id, platform role or the users table', async () => {
    const refused = expectKind(await h.bot.runText('model rollback', from('slack:U1')), 'error');
    expect(refused.code).toBe('not_admin');
    const [entry] = await h.app.store.audit.list({ actor: 'slack:U1' });
    expect(entry).toMatchObject({ action: 'model.rollback', outcome: 'denied' });

    // Admins get past the role check; with no champion there is nothing to roll back, which is a failure, not a denial.
    for (const invocation of [from('slack:UADMIN'), from('discord:user:9', { surface: 'discord', roles: ['discord:role:456'] })]) {
      expect(expectKind(await h.bot.runText('model rollback', invocation), 'error').code).toBe('nothing_to_roll_back');
    }
    await h.app.store.users.setRole('slack:UDB', 'admin');
    expect(expectKind(await h.bot.runText('model rollback', from('slack:UDB')), 'error').code).toBe('nothing_to_roll_back');
    const outcomes = (await h.app.store.audit.list({ action: 'model.rollback' })).map((e) => `${e.actor}:${e.outcome}`);
    expect(outcomes).toEqual(['slack:UDB:failed', 'discord:user:9:failed', 'slack:UADMIN:failed', 'slack:U1:denied']);
  });

  it('handles a replayed request once', async () => {
    const invocation = from('slack:U2', { requestId: 'trigger-replayed' });
    expectKind(await h.bot.runText('alert add AAPL below 50', invocation), 'alertCreated');
    const replay = expectKind(await h.bot.runText('alert add AAPL below 50', invocation), 'error');
    expect(replay.code).toBe('duplicate_request');
    expect(await h.app.store.alerts.list({ channel: invocation.channel })).toHaveLength(1);
  });

  it('rate-limits expensive commands per person', async () => {
    const bot = createBot(h.services, { limiter: new RateLimiter(h.app.store.rateLimits, { forecast: { burst: 2, perMinute: 1 } }) });
    expectKind(await bot.runText('forecast AAPL', from('slack:U3')), 'forecast');
    expectKind(await bot.runText('forecast AAPL', from('slack:U3')), 'forecast');
    expect(expectKind(await bot.runText('forecast AAPL', from('slack:U3')), 'error').code).toBe('rate_limited');
    expectKind(await bot.runText('forecast AAPL', from('slack:U4')), 'forecast');
    expectKind(await bot.runText('price AAPL', from('slack:U3')), 'price');
  });

  it('turns an unexpected failure into a message with a reference, never the error text or a stack', async () => {
    const bot = createBot({ ...h.services, forecast: async () => { throw new TypeError('Cannot read properties of undefined (reading \'x\')'); } });
    const failed = expectKind(await bot.runText('forecast AAPL', from('slack:U5', { requestId: 'ref-123' })), 'error');
    expect(failed.code).toBe('internal');
    expect(failed.reference).toBe('ref-123');
    expect(failed.message).toMatch(/something went wrong on our side \(reference ref-123\)/);
    expect(failed.message).not.toMatch(/undefined|TypeError|at /);
  });

  it('says busy instead of queueing without limit, and counts the refusal under its command', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const finished: [string, string][] = [];
    const telemetry = { ...NO_TELEMETRY, commandFinished: (_surface: string, command: string, outcome: string) => void finished.push([command, outcome]) };
    const bot = createBot({ ...h.services, forecast: async (ticker, horizon) => { await gate; return h.services.forecast(ticker, horizon); } }, { concurrency: 1, maxQueued: 1, telemetry });
    const first = bot.runText('forecast AAPL', from('slack:U6'));
    const second = bot.runText('forecast AAPL', from('slack:U7'));
    await new Promise((r) => setTimeout(r, 50));
    const busy = expectKind(await bot.runText('forecast AAPL', from('slack:U8')), 'error');
    expect(busy.code).toBe('busy');
    expect(busy.message).toBe('tickcast is busy (1 requests waiting); try again shortly');
    expect(finished).toEqual([['forecast', 'error']]);
    release();
    expectKind(await first, 'forecast');
    expectKind(await second, 'forecast');
  });
});
