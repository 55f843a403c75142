import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createRateLimitRepo } from '../../storage/repos/rateLimitRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const LIMIT = { burst: 3, perMinute: 6 };
const T0 = new Date('2026-06-15T14:30:00Z');
const after = (ms: number) => new Date(T0.getTime() + ms);

describe.each(ENGINES)('rate buckets on $name', (engine) => {
  const db = useTestDatabase(engine);
  const buckets = () => createRateLimitRepo(db().db);
  const stored = async (key: string) =>
    (await db().rows<{ tokens: number; updated_at: Date | string }>(sql`select tokens, updated_at from rate_buckets where key = ${key}`)).map((row) => ({ tokens: Number(row.tokens), updatedAt: new Date(row.updated_at) }))[0] ?? null;

  beforeEach(async () => {
    await db().rows(sql`truncate rate_buckets`);
  });

  it('starts a bucket full, spends the burst, then refuses with what is left and spends nothing', async () => {
    const taken = [];
    for (let i = 0; i < 4; i++) taken.push(await buckets().take('forecast:slack:U1', LIMIT, T0));
    expect(taken).toEqual([{ taken: true, tokens: 2 }, { taken: true, tokens: 1 }, { taken: true, tokens: 0 }, { taken: false, tokens: 0 }]);
    expect(await stored('forecast:slack:U1')).toEqual({ tokens: 0, updatedAt: T0 });

    // Five seconds refill half a unit: still refused, and the refusal writes nothing.
    expect(await buckets().take('forecast:slack:U1', LIMIT, after(5_000))).toEqual({ taken: false, tokens: 0.5 });
    expect(await stored('forecast:slack:U1')).toEqual({ tokens: 0, updatedAt: T0 });
    expect(await buckets().take('forecast:slack:U1', LIMIT, after(10_000))).toEqual({ taken: true, tokens: 0 });
    expect(await stored('forecast:slack:U1')).toEqual({ tokens: 0, updatedAt: after(10_000) });
  });

  it('refills evenly up to the burst and no further', async () => {
    for (let i = 0; i < 3; i++) await buckets().take('k', LIMIT, T0);
    expect(await buckets().take('k', LIMIT, after(25_000))).toEqual({ taken: true, tokens: 1.5 });
    // An hour later the bucket is full (3), not 361.
    expect(await buckets().take('k', LIMIT, after(3_600_000))).toEqual({ taken: true, tokens: 2 });
  });

  it('keeps buckets apart by key', async () => {
    await buckets().take('a', { burst: 1, perMinute: 1 }, T0);
    expect((await buckets().take('a', { burst: 1, perMinute: 1 }, T0)).taken).toBe(false);
    expect((await buckets().take('b', { burst: 1, perMinute: 1 }, T0)).taken).toBe(true);
  });

  it('refills nothing for a clock behind the stored time, and never moves the stored time back', async () => {
    await buckets().take('k', LIMIT, after(60_000));
    await buckets().take('k', LIMIT, after(60_000));
    // A replica whose clock is a minute behind: no negative refill, and the bucket keeps the later time.
    expect(await buckets().take('k', LIMIT, T0)).toEqual({ taken: true, tokens: 0 });
    expect(await stored('k')).toEqual({ tokens: 0, updatedAt: after(60_000) });
    expect((await buckets().take('k', LIMIT, T0)).taken).toBe(false);
  });

  it('prunes the buckets untouched since a time, and only those', async () => {
    await buckets().take('old', LIMIT, T0);
    await buckets().take('new', LIMIT, after(20 * 60_000));
    expect(await buckets().prune(after(10 * 60_000))).toBe(1);
    expect(await stored('old')).toBeNull();
    expect(await stored('new')).not.toBeNull();
    // A pruned bucket comes back full.
    expect(await buckets().take('old', LIMIT, after(20 * 60_000))).toEqual({ taken: true, tokens: 2 });
  });
});
