import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBotHarness, type BotHarness } from '../../support/botHarness.ts';
import { bundleWith, expectKind, from } from '../support.ts';

/**
 * Governance end to end through the bot on a real store: promotion needs a second admin, rollback is immediate,
 * non-admins are refused, and the audit log shows every step.
 */
describe('model governance from chat', () => {
  let h: BotHarness;
  const alice = () => from('slack:UALICE');
  const bob = () => from('discord:user:42', { surface: 'discord', channel: 'D-OPS', roles: ['discord:role:777'] });
  const mallory = () => from('slack:UMALLORY');

  beforeAll(async () => {
    h = await openBotHarness({ tickers: [], admins: ['slack:UALICE', 'discord:role:777'] });
    // v1 champion, v2 better, v3 worse than naive.
    await h.app.store.models.save(bundleWith(0.98, 0.8), 'test');
    await h.app.store.models.moveAlias('champion', 'v1', 'first', 'test');
    await h.app.store.models.save(bundleWith(0.95, 0.8), 'test');
    await h.app.store.models.save(bundleWith(1.05, 0.7), 'test');
  });
  afterAll(() => h.close());

  it('shows the champion with its skill beside naive', async () => {
    const status = expectKind(await h.bot.runText('model status', mallory()), 'modelStatus');
    expect(status.champion?.version).toBe('v1');
    expect(status.champion?.skill?.mase).toBe(0.98);
    expect(status.champion?.naive?.mase).toBe(1);
    expect(status.versions).toBe(3);
  });

  it('refuses a version that fails the gate, naming the checks, and records nothing pending', async () => {
    const refused = expectKind(await h.bot.runText('model promote v3', alice()), 'error');
    expect(refused.code).toBe('gate_failed');
    expect(refused.message).toMatch(/v3 does not pass the promotion gate: .*MASE/);
    expect(await h.app.store.promotions.pending()).toEqual([]);
  });

  it('promotes only after a different admin approves; every step is audited', async () => {
    expect(expectKind(await h.bot.runText('model promote v2', mallory()), 'error').code).toBe('not_admin');

    const requested = expectKind(await h.bot.runText('model promote V2', alice()), 'promotionRequested');
    expect(requested.request).toMatchObject({ version: 'v2', requestedBy: 'slack:UALICE', state: 'pending' });
    expect(requested.request.comparison?.candidate?.mase).toBe(0.95);
    expect(requested.request.comparison?.champion?.mase).toBe(0.98);
    expect(requested.request.comparison?.championVersion).toBe('v1');
    expect(requested.request.comparison?.gate.passed).toBe(true);
    expect(expectKind(await h.bot.runText('model promote v2', alice()), 'error').code).toBe('already_requested');

    const self = expectKind(await h.bot.runText('model approve', alice()), 'error');
    expect(self.code).toBe('two_person_rule');
    expect(expectKind(await h.bot.runText('model approve', mallory()), 'error').code).toBe('not_admin');
    expect((await h.app.store.models.resolve('champion'))?.version).toBe('v1');

    const approved = expectKind(await h.bot.runArgs(['model', 'approve'], { request: String(requested.request.id) }, bob()), 'promoted');
    expect(approved.move).toMatchObject({ fromVersion: 'v1', toVersion: 'v2', by: 'discord:user:42' });
    expect(approved.request).toMatchObject({ state: 'approved', decidedBy: 'discord:user:42' });
    expect((await h.app.store.models.resolve('champion'))?.version).toBe('v2');
    expect(expectKind(await h.bot.runText(`model approve ${requested.request.id}`, bob()), 'error').message).toMatch(/already approved/);

    const trail = (await h.app.store.audit.list({ limit: 20 })).filter((e) => e.action.startsWith('model.')).reverse().map((e) => `${e.action} ${e.actor} ${e.outcome}`);
    expect(trail).toEqual([
      'model.promote slack:UALICE failed',
      'model.promote slack:UMALLORY denied',
      'model.promote slack:UALICE pending',
      'model.promote slack:UALICE failed',
      'model.approve slack:UALICE denied',
      'model.approve slack:UMALLORY denied',
      'model.approve discord:user:42 ok',
      'model.approve discord:user:42 failed',
    ]);
  });

  it('rolls back at once, for one admin, and says so when there is nowhere left to go', async () => {
    const rolled = expectKind(await h.bot.runText('model rollback', alice()), 'rolledBack');
    expect(rolled.move).toMatchObject({ fromVersion: 'v2', toVersion: 'v1' });
    expect((await h.app.store.models.resolve('champion'))?.version).toBe('v1');
    const [entry] = await h.app.store.audit.list({ action: 'model.rollback' });
    expect(entry).toMatchObject({ actor: 'slack:UALICE', outcome: 'ok', target: 'v1' });
  });

  it('lets an admin turn a request down, and leaves the champion alone', async () => {
    // v2 against champion v1 passes the gate again after the rollback.
    const requested = expectKind(await h.bot.runText('model promote v2', alice()), 'promotionRequested');
    const rejected = expectKind(await h.bot.runText('model reject', bob()), 'promotionRejected');
    expect(rejected.request).toMatchObject({ id: requested.request.id, state: 'rejected', decidedBy: 'discord:user:42' });
    expect((await h.app.store.models.resolve('champion'))?.version).toBe('v1');
    expect(expectKind(await h.bot.runText('model approve', bob()), 'error').code).toBe('no_pending_promotion');
  });

  it('lets a request lapse after a day', async () => {
    const requested = expectKind(await h.bot.runText('model promote v2', alice()), 'promotionRequested');
    const later = { ...h.services, now: () => new Date(requested.request.requestedAt.getTime() + 25 * 3600_000) };
    const { createBot } = await import('../../../bot/createBot.ts');
    const lapsed = expectKind(await createBot(later).runText('model approve', bob()), 'error');
    expect(lapsed.code).toBe('promotion_expired');
    expect((await h.app.store.promotions.find(requested.request.id))?.state).toBe('expired');
  });

  it('refuses an approval whose version no longer passes against today’s champion, leaving the request pending', async () => {
    const requested = expectKind(await h.bot.runText('model promote v2', alice()), 'promotionRequested');
    // Meanwhile the champion became a better version than v2.
    await h.app.store.models.save(bundleWith(0.9, 0.8), 'test');
    await h.app.store.models.moveAlias('champion', 'v4', 'better', 'test');
    const refused = expectKind(await h.bot.runText('model approve', bob()), 'error');
    expect(refused.code).toBe('gate_failed');
    expect((await h.app.store.promotions.find(requested.request.id))?.state).toBe('pending');
    expect((await h.app.store.models.resolve('champion'))?.version).toBe('v4');
  });
});
