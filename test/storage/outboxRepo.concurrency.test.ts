import { setTimeout as sleep } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ChannelRef } from '../../core/chat.ts';
import type { OutboxRepo } from '../../core/outbox.ts';
import { createOutboxRepo } from '../../storage/repos/outboxRepo.ts';
import { TEST_DATABASE_URL } from '../support/engines.ts';
import { useRacingHandles } from '../support/racingHandles.ts';

const CHANNELS: ChannelRef[] = ['C1', 'C2', 'C3', 'C4'].map((channelId) => ({ surface: 'slack', channelId }));
const MESSAGES = 40;

/**
 * Claimers on two database handles (two connection pools, as two processes would have) racing for one queue.
 * PGlite is one connection, so only PostgreSQL can race.
 */
describe.skipIf(!TEST_DATABASE_URL)('outbox claims racing on PostgreSQL', () => {
  const handles = useRacingHandles();
  const outboxes = (): OutboxRepo[] => handles().map((handle) => createOutboxRepo(handle.db));

  beforeEach(async () => {
    await handles()[0]!.rows(sql`truncate outbound_messages, outbound_channels restart identity`);
    for (let i = 0; i < MESSAGES; i++) {
      await outboxes()[0]!.enqueue({ channel: CHANNELS[i % CHANNELS.length]!, body: { kind: 'notice', title: 't', text: `m${i}`, severity: 'info' }, dedupeKey: `m${i}` });
    }
  });

  it('gives each free channel to exactly one of many simultaneous claims', async () => {
    const now = new Date();
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, i) => outboxes()[i % 2]!.claimNext({ now, surfaces: ['slack'], leaseMs: 60_000 })),
    );
    const won = claims.filter((claim) => claim !== null);
    expect(won.map((claim) => claim.channel.channelId).sort()).toEqual(['C1', 'C2', 'C3', 'C4']);
    // Each channel's oldest message: ids 1..4 were enqueued first, one per channel.
    expect(won.map((claim) => claim.id).sort((a, b) => a - b)).toEqual([1, 2, 3, 4]);
  });

  it('claims every message exactly once, in order per channel, never a channel while it is held', async () => {
    const claimsOf = new Map<number, number>();
    const orderIn = new Map<string, number[]>();
    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    let settled = 0;
    const deadline = Date.now() + 30_000;

    async function claimer(outbox: OutboxRepo): Promise<void> {
      while (settled < MESSAGES) {
        if (Date.now() > deadline) throw new Error(`stalled after ${settled} messages`);
        const claim = await outbox.claimNext({ now: new Date(), surfaces: ['slack'], leaseMs: 60_000 });
        if (!claim) {
          await sleep(1);
          continue;
        }
        const channel = claim.channel.channelId;
        if (inFlight.has(channel)) overlaps.push(`${channel} claimed for message ${claim.id} while held`);
        inFlight.add(channel);
        claimsOf.set(claim.id, (claimsOf.get(claim.id) ?? 0) + 1);
        orderIn.set(channel, [...(orderIn.get(channel) ?? []), claim.id]);
        await sleep(Math.random() * 3);
        // Off the in-flight set before the channel is freed: the database holds it until `delivered` commits.
        inFlight.delete(channel);
        await outbox.delivered(claim.id, null, new Date());
        settled += 1;
      }
    }

    await Promise.all(outboxes().flatMap((outbox) => [claimer(outbox), claimer(outbox), claimer(outbox)]));
    expect(overlaps).toEqual([]);
    expect([...claimsOf.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: MESSAGES }, (_, i) => i + 1));
    expect([...claimsOf.values()].every((n) => n === 1)).toBe(true);
    for (const ids of orderIn.values()) expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(await outboxes()[1]!.depth()).toEqual({ pending: 0, sending: 0, delivered: MESSAGES, failed: 0 });
  });
});
