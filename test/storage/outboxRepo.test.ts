import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AlertEvent } from '../../core/alerts.ts';
import type { ChannelRef } from '../../core/chat.ts';
import type { OutboundBody } from '../../core/outbox.ts';
import { createOutboxRepo } from '../../storage/repos/outboxRepo.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

/** The worker's clock, months behind the database's on purpose: delivery must not depend on the two agreeing. */
const T0 = new Date('2026-06-12T14:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 30_000;

const general: ChannelRef = { surface: 'slack', channelId: 'C-GENERAL' };
const trading: ChannelRef = { surface: 'slack', channelId: 'C-TRADING' };
const discord: ChannelRef = { surface: 'discord', channelId: '9001' };
const notice = (text: string): OutboundBody => ({ kind: 'notice', title: 'note', text, severity: 'info' });

describe.each(ENGINES)('outbox repository on $name', (engine) => {
  const db = useTestDatabase(engine);
  const outbox = () => createOutboxRepo(db().db);
  const claim = (ms: number, surfaces: ChannelRef['surface'][] = ['slack', 'discord']) => outbox().claimNext({ now: at(ms), surfaces, leaseMs: LEASE });
  const enqueue = (channel: ChannelRef, key: string) => outbox().enqueue({ channel, body: notice(key), dedupeKey: key });
  const count = async (table: string) => (await db().rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]!.n;

  beforeEach(async () => {
    await db().rows(sql`truncate outbound_messages, outbound_channels restart identity`);
  });

  it('enqueues a dedupe key once: the second enqueue adds no message and no channel', async () => {
    expect(await enqueue(general, 'k1')).toBe(1);
    expect(await outbox().enqueue({ channel: trading, body: notice('again'), dedupeKey: 'k1' })).toBeNull();
    expect(await count('outbound_messages')).toBe(1);
    expect(await count('outbound_channels')).toBe(1);
    expect((await outbox().list())[0]).toMatchObject({ channel: general, body: notice('k1'), state: 'pending', attempts: 0 });
    // Stored as a JSON object, not as a JSON string holding one: SQL can look inside it.
    expect(await db().rows(sql`select body ->> 'text' as text from outbound_messages`)).toEqual([{ text: 'k1' }]);
  });

  it('lists one origin\'s messages by key prefix, taking _ and % literally', async () => {
    const email = { surface: 'email', channelId: 'a_b%c@example.com' } as const;
    await outbox().enqueue({ channel: email, body: notice('r1'), dedupeKey: 'report:1:email:a_b%c@example.com' });
    await enqueue(general, 'report:12:slack:C-GENERAL');
    await enqueue(trading, 'report:1:slack:C-TRADING');
    await enqueue(discord, 'reportX1:other');
    expect((await outbox().list({ keyPrefix: 'report:1:' })).map((m) => m.dedupeKey)).toEqual(['report:1:email:a_b%c@example.com', 'report:1:slack:C-TRADING']);
    expect((await outbox().list({ keyPrefix: 'report:1:email:a_b%' })).map((m) => m.channel)).toEqual([email]);
    expect(await outbox().list({ keyPrefix: 'report:1:email:a_' + 'x' })).toEqual([]);
  });

  it('gives back an alert body as enqueued, its firedAt a Date', async () => {
    const event: AlertEvent = {
      id: 7, ruleId: 3, ticker: 'AAPL', condition: { kind: 'price_above', level: 200 }, channel: general, asOf: '2026-06-11', value: 201.5,
      detail: 'closed at 201.50, above 200', firedAt: new Date('2026-06-11T21:05:00.123Z'),
    };
    await outbox().enqueue({ channel: general, body: { kind: 'alert', event }, dedupeKey: 'alert:3:2026-06-11' });
    const claimed = await claim(0);
    expect(claimed!.body).toEqual({ kind: 'alert', event });
    expect((claimed!.body as { event: AlertEvent }).event.firedAt).toBeInstanceOf(Date);
  });

  it('sends a channel its messages first in, first out, holding it while one is in flight', async () => {
    const ids = [await enqueue(general, 'a'), await enqueue(general, 'b'), await enqueue(general, 'c')];
    const first = await claim(0);
    expect(first).toMatchObject({ id: ids[0], state: 'sending', attempts: 1, uncertain: false });
    expect(await claim(0)).toBeNull();
    await outbox().delivered(first!.id, 'ts-1', at(0));
    expect((await claim(0))?.id).toBe(ids[1]);
    const [delivered] = await outbox().list({ state: 'delivered' });
    expect(delivered).toMatchObject({ id: ids[0], externalId: 'ts-1' });
    expect(delivered!.deliveredAt).toBeInstanceOf(Date);
  });

  it('does not claim a channel again before the time its last delivery set', async () => {
    await enqueue(general, 'a');
    const second = await enqueue(general, 'b');
    await outbox().delivered((await claim(0))!.id, null, at(1_000));
    expect(await claim(999)).toBeNull();
    expect(await outbox().nextDueAt(['slack'])).toEqual(at(1_000));
    expect((await claim(1_000))?.id).toBe(second);
  });

  it('claims two channels independently of each other', async () => {
    const inGeneral = await enqueue(general, 'a');
    await enqueue(general, 'a2');
    const inTrading = await enqueue(trading, 'b');
    const claimed = [await claim(0), await claim(0)];
    expect(claimed.map((m) => m?.id).sort()).toEqual([inGeneral, inTrading]);
    expect(await claim(0)).toBeNull();
  });

  it('makes a message whose lease ran out claimable again, marked uncertain, and ignores the late worker', async () => {
    const id = await enqueue(general, 'a');
    expect((await claim(0))?.uncertain).toBe(false);
    expect(await claim(LEASE - 1)).toBeNull();
    const again = await claim(LEASE);
    expect(again).toMatchObject({ id, state: 'sending', attempts: 2, uncertain: true });
    await outbox().delivered(id!, 'found-it', at(LEASE + 1_000));
    // The first worker wakes up and reports a failure: the message stays delivered, the channel keeps its time.
    await outbox().reschedule(id!, at(LEASE + 5_000), 'timeout', at(LEASE + 9_000));
    expect((await outbox().list())[0]).toMatchObject({ state: 'delivered', externalId: 'found-it', lastError: null });
    await enqueue(general, 'b');
    expect(await claim(LEASE + 1_000)).not.toBeNull();
  });

  it('reschedules with the error kept, without holding up newer messages of the channel', async () => {
    const first = await enqueue(general, 'a');
    const second = await enqueue(general, 'b');
    await outbox().reschedule((await claim(0))!.id, at(5_000), 'HTTP 503', at(0));
    expect((await claim(1_000))?.id).toBe(second);
    await outbox().delivered(second!, null, at(1_000));
    expect(await claim(4_999)).toBeNull();
    expect(await claim(5_000)).toMatchObject({ id: first, attempts: 2, lastError: 'HTTP 503', uncertain: false });
  });

  it('never claims a failed message again', async () => {
    await enqueue(general, 'a');
    await outbox().failed((await claim(0))!.id, 'channel_not_found', at(0));
    expect(await claim(LEASE * 10)).toBeNull();
    expect(await outbox().list({ state: 'failed' })).toMatchObject([{ lastError: 'channel_not_found', attempts: 1 }]);
  });

  it('claims only on the surfaces asked for', async () => {
    const id = await enqueue(discord, 'd');
    expect(await claim(0, ['slack'])).toBeNull();
    expect(await claim(0, [])).toBeNull();
    expect((await claim(0, ['discord']))?.id).toBe(id);
  });

  it('counts every state, zeros included', async () => {
    expect(await outbox().depth()).toEqual({ pending: 0, sending: 0, delivered: 0, failed: 0 });
    for (const key of ['a', 'b', 'c']) await enqueue(general, key);
    await enqueue(trading, 'd');
    await outbox().delivered((await claim(0))!.id, null, at(0));
    await claim(0);
    expect(await outbox().depth()).toEqual({ pending: 2, sending: 1, delivered: 1, failed: 0 });
  });

  it('tells when the next message becomes due: now, a lease end, a retry or a channel free time', async () => {
    expect(await outbox().nextDueAt(['slack'])).toBeNull();
    const id = await enqueue(general, 'a');
    expect((await outbox().nextDueAt(['slack']))!.getTime()).toBeLessThanOrEqual(T0.getTime());
    expect(await outbox().nextDueAt(['discord'])).toBeNull();
    await claim(0);
    expect(await outbox().nextDueAt(['slack'])).toEqual(at(LEASE));
    await outbox().reschedule(id!, at(5_000), 'HTTP 502', at(2_000));
    expect(await outbox().nextDueAt(['slack'])).toEqual(at(5_000));
    await outbox().delivered((await claim(5_000))!.id, null, at(6_000));
    expect(await outbox().nextDueAt(['slack'])).toBeNull();
  });

  it('enqueues nothing when the unit of work around it fails', async () => {
    const store = createStore(db().db);
    await expect(
      store.transaction(async (repos) => {
        await repos.outbox.enqueue({ channel: general, body: notice('a'), dedupeKey: 'a' });
        throw new Error('alert not recorded');
      }),
    ).rejects.toThrow('alert not recorded');
    expect(await count('outbound_messages')).toBe(0);
    expect(await count('outbound_channels')).toBe(0);
  });
});
