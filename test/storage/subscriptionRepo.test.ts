import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createSubscriptionRepo } from '../../storage/repos/subscriptionRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

describe.each(ENGINES)('subscriptions on $name', (engine) => {
  const db = useTestDatabase(engine);
  const subscriptions = () => createSubscriptionRepo(db().db);

  beforeEach(async () => {
    await db().rows(sql`truncate subscriptions restart identity`);
  });

  it('adds a subscription once; adding it again updates its tickers but is not a new subscription', async () => {
    const first = await subscriptions().add({ kind: 'email', target: 'ana@example.com', tickers: ['AAPL'], createdBy: 'slack:U1' });
    expect(first.created).toBe(true);
    expect(first.subscription).toMatchObject({ id: 1, kind: 'email', target: 'ana@example.com', tickers: ['AAPL'], active: true, createdBy: 'slack:U1' });
    expect(first.subscription.createdAt).toBeInstanceOf(Date);
    const again = await subscriptions().add({ kind: 'email', target: 'ana@example.com', tickers: null, createdBy: 'slack:U2' });
    expect(again.created).toBe(false);
    expect(again.subscription).toMatchObject({ id: 1, tickers: null, createdBy: 'slack:U1', createdAt: first.subscription.createdAt });
    expect(await subscriptions().list()).toEqual([again.subscription]);
  });

  it('removes by deactivating, once; subscribing again re-activates the row as new', async () => {
    await subscriptions().add({ kind: 'slack', target: 'C-GENERAL', tickers: null, createdBy: 'slack:U1' });
    expect(await subscriptions().remove('slack', 'C-GENERAL')).toBe(true);
    expect(await subscriptions().remove('slack', 'C-GENERAL')).toBe(false);
    expect(await subscriptions().remove('discord', 'C-GENERAL')).toBe(false);
    expect(await subscriptions().list()).toEqual([]);
    expect((await subscriptions().list({ includeInactive: true })).map((s) => s.active)).toEqual([false]);
    const back = await subscriptions().add({ kind: 'slack', target: 'C-GENERAL', tickers: ['MSFT'], createdBy: 'slack:U2' });
    expect(back.created).toBe(true);
    expect(back.subscription).toMatchObject({ id: 1, active: true, tickers: ['MSFT'], createdBy: 'slack:U2' });
  });

  it('keeps one row per kind and target, and lists by kind', async () => {
    await subscriptions().add({ kind: 'slack', target: 'C1', tickers: null, createdBy: null });
    await subscriptions().add({ kind: 'discord', target: 'C1', tickers: null, createdBy: null });
    await subscriptions().add({ kind: 'email', target: 'bo@example.com', tickers: ['SPY', 'QQQ'], createdBy: null });
    expect((await subscriptions().list()).map((s) => s.kind)).toEqual(['slack', 'discord', 'email']);
    expect((await subscriptions().list({ kind: 'email' })).map((s) => s.tickers)).toEqual([['SPY', 'QQQ']]);
  });
});
