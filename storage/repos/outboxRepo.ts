import { and, asc, count, eq, exists, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import {
  DELIVERY_STATES, type ClaimedMessage, type ClaimOptions, type DeliveryState, type DeliverySurface, type OutboundBody, type OutboundMessage, type OutboxRepo,
} from '../../core/outbox.ts';
import type { Db } from '../database.ts';
import { outboundChannels, outboundMessages } from '../schema/index.ts';

type MessageRow = typeof outboundMessages.$inferSelect;

/**
 * The persisted outbound queue. Each channel has a row that paces it and serves as its lock: a claim locks the
 * channel row (skipping channels another worker holds), takes the channel's oldest due message, and pushes the
 * channel's `free_at` to the end of the lease, so one channel has at most one message in flight.
 *
 * A message is due when it is pending and its next attempt has come, or when it is `sending` and its lease ran
 * out (the worker died mid-send: the claim is marked uncertain). A message never attempted is due at once,
 * and a new channel is free since 1970, so delivery does not depend on the worker's clock agreeing with the
 * database's: every time a claim compares against was written from the worker's clock.
 */
export function createOutboxRepo(db: Db): OutboxRepo {
  async function enqueue(message: Parameters<OutboxRepo['enqueue']>[0]): Promise<number | null> {
    const { surface, channelId } = message.channel;
    return db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(outboundMessages)
        .values({ surface, channelId, body: message.body, dedupeKey: message.dedupeKey })
        .onConflictDoNothing({ target: outboundMessages.dedupeKey })
        .returning({ id: outboundMessages.id });
      if (!inserted) return null;
      await tx.insert(outboundChannels).values({ surface, channelId }).onConflictDoNothing();
      return inserted.id;
    });
  }

  async function claimNext(options: ClaimOptions): Promise<ClaimedMessage | null> {
    if (options.surfaces.length === 0) return null;
    const { now } = options;
    const leaseUntil = new Date(now.getTime() + options.leaseMs);
    return db.transaction(async (tx) => {
      const channel = await lockFreeChannel(tx, options.surfaces, now);
      if (!channel) return null;
      // A new statement, so a new snapshot: it sees what a claimer that held this channel just before committed.
      const [due] = await tx
        .select({ id: outboundMessages.id, state: outboundMessages.state })
        .from(outboundMessages)
        .where(and(eq(outboundMessages.surface, channel.surface), eq(outboundMessages.channelId, channel.channelId), isDue(now)))
        .orderBy(asc(outboundMessages.id))
        .limit(1)
        .for('update');
      if (!due) return null;
      const [claimed] = await tx
        .update(outboundMessages)
        .set({ state: 'sending', attempts: sql`${outboundMessages.attempts} + 1`, leaseUntil })
        .where(eq(outboundMessages.id, due.id))
        .returning();
      await setFreeAt(tx, channel, leaseUntil);
      return { ...toMessage(claimed!), uncertain: due.state === 'sending' };
    });
  }

  /**
   * Settles a claimed message and sets when its channel is free again, in one statement. Only a message still
   * `sending` is settled: a worker whose lease ran out must not undo what the worker that re-claimed it did.
   */
  async function settle(id: number, changes: PgUpdateSetSource<typeof outboundMessages>, channelFreeAt: Date): Promise<void> {
    const settled = db.$with('settled').as(
      db
        .update(outboundMessages)
        .set({ ...changes, leaseUntil: null })
        .where(and(eq(outboundMessages.id, id), eq(outboundMessages.state, 'sending')))
        .returning({ surface: outboundMessages.surface, channelId: outboundMessages.channelId }),
    );
    await db
      .with(settled)
      .update(outboundChannels)
      .set({ freeAt: channelFreeAt })
      .where(
        exists(
          db.select({ one: sql`1` }).from(settled).where(and(eq(settled.surface, outboundChannels.surface), eq(settled.channelId, outboundChannels.channelId))),
        ),
      );
  }

  async function list(query: { state?: DeliveryState; keyPrefix?: string; limit?: number } = {}): Promise<OutboundMessage[]> {
    const rows = await db
      .select()
      .from(outboundMessages)
      .where(and(
        query.state ? eq(outboundMessages.state, query.state) : undefined,
        // starts_with, not LIKE: a key may hold `_` or `%` (email addresses do).
        query.keyPrefix !== undefined ? sql`starts_with(${outboundMessages.dedupeKey}, ${query.keyPrefix})` : undefined,
      ))
      .orderBy(asc(outboundMessages.id))
      .limit(query.limit ?? 100);
    return rows.map(toMessage);
  }

  async function depth(): Promise<Record<DeliveryState, number>> {
    const rows = await db.select({ state: outboundMessages.state, n: count() }).from(outboundMessages).groupBy(outboundMessages.state);
    const counts = Object.fromEntries(DELIVERY_STATES.map((state) => [state, 0])) as Record<DeliveryState, number>;
    for (const row of rows) counts[row.state as DeliveryState] = row.n;
    return counts;
  }

  async function nextDueAt(surfaces: readonly DeliverySurface[]): Promise<Date | null> {
    if (surfaces.length === 0) return null;
    // greatest() skips nulls: a message never attempted waits only for its channel.
    const dueAt = sql`greatest(${outboundChannels.freeAt}, case
      when ${outboundMessages.state} = 'sending' then ${outboundMessages.leaseUntil}
      when ${outboundMessages.attempts} > 0 then ${outboundMessages.nextAttemptAt} end)`;
    const [row] = await db
      .select({ at: sql<Date | null>`min(${dueAt})`.mapWith(outboundChannels.freeAt) })
      .from(outboundMessages)
      .innerJoin(outboundChannels, and(eq(outboundChannels.surface, outboundMessages.surface), eq(outboundChannels.channelId, outboundMessages.channelId)))
      .where(and(inArray(outboundMessages.state, ['pending', 'sending']), inArray(outboundMessages.surface, [...surfaces])));
    return row?.at ?? null;
  }

  return {
    enqueue,
    claimNext,
    delivered: (id, externalId, channelFreeAt) => settle(id, { state: 'delivered', deliveredAt: sql`now()`, externalId }, channelFreeAt),
    reschedule: (id, at, error, channelFreeAt) => settle(id, { state: 'pending', nextAttemptAt: at, lastError: error }, channelFreeAt),
    failed: (id, error, channelFreeAt) => settle(id, { state: 'failed', lastError: error }, channelFreeAt),
    list,
    depth,
    nextDueAt,
  };
}

interface ChannelKey {
  surface: string;
  channelId: string;
}

/**
 * The channel that has been free longest among those with a due message, locked for this transaction. Channels
 * locked by another claimer are skipped rather than waited for; a channel a claimer committed meanwhile fails the
 * `free_at` recheck PostgreSQL makes on the row's newest version, because that claim pushed `free_at` ahead.
 */
async function lockFreeChannel(tx: Db, surfaces: readonly DeliverySurface[], now: Date): Promise<ChannelKey | null> {
  const hasDueMessage = exists(
    tx
      .select({ one: sql`1` })
      .from(outboundMessages)
      .where(and(eq(outboundMessages.surface, outboundChannels.surface), eq(outboundMessages.channelId, outboundChannels.channelId), isDue(now))),
  );
  const [channel] = await tx
    .select({ surface: outboundChannels.surface, channelId: outboundChannels.channelId })
    .from(outboundChannels)
    .where(and(inArray(outboundChannels.surface, [...surfaces]), lte(outboundChannels.freeAt, now), hasDueMessage))
    .orderBy(asc(outboundChannels.freeAt), asc(outboundChannels.surface), asc(outboundChannels.channelId))
    .limit(1)
    .for('update', { skipLocked: true });
  return channel ?? null;
}

function isDue(now: Date): SQL {
  return or(
    and(eq(outboundMessages.state, 'pending'), or(eq(outboundMessages.attempts, 0), lte(outboundMessages.nextAttemptAt, now))),
    and(eq(outboundMessages.state, 'sending'), lte(outboundMessages.leaseUntil, now)),
  )!;
}

async function setFreeAt(tx: Db, channel: ChannelKey, freeAt: Date): Promise<void> {
  await tx
    .update(outboundChannels)
    .set({ freeAt })
    .where(and(eq(outboundChannels.surface, channel.surface), eq(outboundChannels.channelId, channel.channelId)));
}

function toMessage(row: MessageRow): OutboundMessage {
  return {
    id: row.id,
    channel: { surface: row.surface as DeliverySurface, channelId: row.channelId },
    body: reviveBody(row.body),
    dedupeKey: row.dedupeKey,
    state: row.state as DeliveryState,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    createdAt: row.createdAt,
    deliveredAt: row.deliveredAt,
    externalId: row.externalId,
    lastError: row.lastError,
  };
}

/** JSON keeps the alert event's `firedAt` as an ISO string; callers get the Date they enqueued. */
function reviveBody(body: OutboundBody): OutboundBody {
  if (body.kind !== 'alert') return body;
  return { ...body, event: { ...body.event, firedAt: new Date(body.event.firedAt) } };
}
