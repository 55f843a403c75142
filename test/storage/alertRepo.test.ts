import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AlertCondition, NewAlertRule } from '../../core/alerts.ts';
import type { ChannelRef } from '../../core/chat.ts';
import { createAlertRepo } from '../../storage/repos/alertRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const general: ChannelRef = { surface: 'slack', channelId: 'C-GENERAL' };
const desk: ChannelRef = { surface: 'discord', channelId: '9001' };
const probability: AlertCondition = { kind: 'forecast_prob', side: 'below', level: 180, within: 5, probability: 0.3 };
const rule = (ticker: string, condition: AlertCondition, channel = general): NewAlertRule => ({ ticker, condition, channel, createdBy: 'slack:U1', armed: true });
const T = new Date('2026-06-12T21:00:00Z');

describe.each(ENGINES)('alert repository on $name', (engine) => {
  const db = useTestDatabase(engine);
  const alerts = () => createAlertRepo(db().db);

  beforeEach(async () => {
    await db().rows(sql`truncate alert_events, alert_rules restart identity cascade`);
  });

  it('keeps a rule whole, its condition as JSON SQL can read and its kind alongside', async () => {
    const created = await alerts().create(rule('AAPL', probability));
    expect(created).toMatchObject({ id: 1, ticker: 'AAPL', condition: probability, channel: general, createdBy: 'slack:U1', active: true, armed: true, lastEvaluatedAt: null });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await alerts().find(1)).toEqual(created);
    expect(await alerts().find(2)).toBeNull();
    expect(await db().rows(sql`select kind, condition ->> 'side' as side from alert_rules`)).toEqual([{ kind: 'forecast_prob', side: 'below' }]);
  });

  it('refuses a kind column that disagrees with the condition', async () => {
    await expect(
      db().rows(sql`insert into alert_rules (ticker, kind, condition, surface, channel_id, created_by) values ('X', 'price_above', '{"kind":"quality"}', 'slack', 'C', 'u')`),
    ).rejects.toThrow();
  });

  it('lists active rules by channel and ticker; a removed rule only when asked', async () => {
    await alerts().create(rule('AAPL', { kind: 'price_above', level: 200 }));
    await alerts().create(rule('MSFT', { kind: 'quality' }));
    await alerts().create(rule('AAPL', { kind: 'anomaly', threshold: 4 }, desk));
    expect(await alerts().deactivate(2)).toBe(true);
    expect(await alerts().deactivate(2)).toBe(false);
    expect(await alerts().deactivate(99)).toBe(false);
    expect((await alerts().list()).map((r) => r.id)).toEqual([1, 3]);
    expect((await alerts().list({ channel: general })).map((r) => r.id)).toEqual([1]);
    expect((await alerts().list({ channel: general, includeInactive: true })).map((r) => [r.id, r.active])).toEqual([[1, true], [2, false]]);
    expect((await alerts().list({ ticker: 'AAPL' })).map((r) => r.id)).toEqual([1, 3]);
    expect((await alerts().list({ ticker: 'AAPL', channel: desk })).map((r) => r.condition.kind)).toEqual(['anomaly']);
  });

  it('disarms for exactly one of several simultaneous evaluations, and re-arms once', async () => {
    const { id } = await alerts().create(rule('AAPL', { kind: 'price_below', level: 150 }));
    const disarmed = await Promise.all(Array.from({ length: 6 }, () => alerts().disarm(id, T)));
    expect(disarmed.filter(Boolean)).toHaveLength(1);
    expect(await alerts().find(id)).toMatchObject({ armed: false, lastEvaluatedAt: T });
    const later = new Date(T.getTime() + 86_400_000);
    const rearmed = await Promise.all(Array.from({ length: 6 }, () => alerts().rearm(id, later)));
    expect(rearmed.filter(Boolean)).toHaveLength(1);
    expect(await alerts().find(id)).toMatchObject({ armed: true, lastEvaluatedAt: later });
  });

  it('leaves a removed rule disarmed', async () => {
    const { id } = await alerts().create(rule('AAPL', { kind: 'price_below', level: 150 }));
    await alerts().disarm(id, T);
    await alerts().deactivate(id);
    expect(await alerts().rearm(id, T)).toBe(false);
    expect((await alerts().find(id))?.armed).toBe(false);
  });

  it('touches only the rules named', async () => {
    await alerts().create(rule('AAPL', { kind: 'quality' }));
    await alerts().create(rule('MSFT', { kind: 'quality' }));
    await alerts().touch([], T);
    await alerts().touch([2], T);
    expect((await alerts().list()).map((r) => r.lastEvaluatedAt)).toEqual([null, T]);
  });

  it('records a crossing once, keeping the rule as it was, and lists events newest first', async () => {
    const { id } = await alerts().create(rule('AAPL', { kind: 'price_above', level: 200 }));
    const event = { ruleId: id, ticker: 'AAPL', condition: { kind: 'price_above', level: 200 } as const, channel: general, asOf: '2026-06-11', value: 201.5, detail: 'closed at 201.50' };
    const first = await alerts().recordEvent({ ...event, dedupeKey: `${id}:2026-06-11` });
    expect(first).toMatchObject({ id: 1, ...event });
    expect(first!.firedAt).toBeInstanceOf(Date);
    expect(await alerts().recordEvent({ ...event, detail: 'seen again', dedupeKey: `${id}:2026-06-11` })).toBeNull();
    const second = await alerts().recordEvent({ ...event, asOf: '2026-06-15', value: null, dedupeKey: `${id}:2026-06-15` });
    expect((await alerts().events()).map((e) => e.id)).toEqual([second!.id, first!.id]);
    expect((await alerts().events({ limit: 1 }))[0]).toEqual(second);
    expect(await alerts().events({ ruleId: id + 1 })).toEqual([]);
    expect(await alerts().events({ since: new Date(second!.firedAt.getTime() + 1) })).toEqual([]);
    expect((await alerts().events({ since: first!.firedAt })).length).toBe(2);
  });
});
