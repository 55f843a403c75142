import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RULES_PER_CHANNEL } from '../../../bot/commands/alert.ts';
import { openBotHarness, type BotHarness } from '../../support/botHarness.ts';
import { expectKind, from } from '../support.ts';

describe('alert commands', () => {
  let h: BotHarness;
  beforeAll(async () => {
    h = await openBotHarness({ tickers: ['AAPL'] });
  });
  afterAll(() => h.close());

  it('creates a rule in the channel it was asked in, armed when the condition does not hold yet', async () => {
    const created = expectKind(await h.bot.runText('alert add aapl below 100', from('slack:U1', { channel: 'C-TRADING' })), 'alertCreated');
    expect(created.rule).toMatchObject({ ticker: 'AAPL', condition: { kind: 'price_below', level: 100 }, channel: { surface: 'slack', channelId: 'C-TRADING' }, createdBy: 'slack:U1', armed: true });
    expect(created.observation?.holds).toBe(false);
  });

  it('starts a rule whose condition already holds disarmed: it waits for a real crossing', async () => {
    const created = expectKind(await h.bot.runText('alert add AAPL above 100', from('slack:U1', { channel: 'C-TRADING' })), 'alertCreated');
    expect(created.observation?.holds).toBe(true);
    expect(created.rule.armed).toBe(false);
  });

  it('lists only this channel’s rules and removes only from this channel', async () => {
    const other = () => from('slack:U2', { channel: 'C-OTHER' });
    const mine = expectKind(await h.bot.runText('alert add AAPL move 5% within 3d', other()), 'alertCreated');
    const listed = expectKind(await h.bot.runText('alert list', from('slack:U1', { channel: 'C-TRADING' })), 'alertList');
    expect(listed.rules.map((r) => r.condition.kind)).toEqual(['price_below', 'price_above']);

    const foreign = expectKind(await h.bot.runText(`alert remove ${mine.rule.id}`, from('slack:U1', { channel: 'C-TRADING' })), 'error');
    expect(foreign.code).toBe('unknown_alert');
    expect((await h.app.store.alerts.find(mine.rule.id))?.active).toBe(true);

    expectKind(await h.bot.runText(`alert remove ${mine.rule.id}`, other()), 'alertRemoved');
    expect((await h.app.store.alerts.find(mine.rule.id))?.active).toBe(false);
    expect(expectKind(await h.bot.runText('alert list', other()), 'alertList').rules).toEqual([]);
  });

  it('refuses malformed rules and unknown tickers with the accepted forms, creating nothing', async () => {
    const channel = () => from('slack:U3', { channel: 'C-EMPTY' });
    for (const rule of ['AAPL sideways 100', 'AAPL below', 'AAPL below -5', 'AAPL prob below 200 within 9d > 30%']) {
      const refused = expectKind(await h.bot.runText(`alert add ${rule}`, channel()), 'error');
      expect(refused.code, rule).toBe('bad_alert_rule');
    }
    expect(expectKind(await h.bot.runText('alert add ZZZZ below 5', channel()), 'error').code).toBe('unknown_ticker');
    expect(expectKind(await h.bot.runText('alert add', channel()), 'error').message).toMatch(/a rule is required: TSLA above 250/);
    expect(expectKind(await h.bot.runText('alert remove twelve', channel()), 'error').message).toMatch(/'twelve' is not a whole number/);
    expect(await h.app.store.alerts.list({ channel: channel().channel })).toEqual([]);
  });

  it(`caps a channel at ${MAX_RULES_PER_CHANNEL} rules`, async () => {
    const channel = () => from('slack:U4', { channel: 'C-BUSY' });
    for (let i = 0; i < MAX_RULES_PER_CHANNEL; i++) expectKind(await h.bot.runText(`alert add AAPL below ${10 + i}`, channel()), 'alertCreated');
    expect(expectKind(await h.bot.runText('alert add AAPL below 5', channel()), 'error').code).toBe('too_many_alerts');
  });
});
