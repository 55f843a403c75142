import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { RATE_LIMITS, RateLimiter } from '../../bot/rateLimiter.ts';
import { UserError } from '../../core/errors.ts';
import { createRateLimitRepo } from '../../storage/repos/rateLimitRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

/** The refusal `take` throws, or null when it was granted. */
async function refusal(limiter: RateLimiter, actor: string, nowMs: number, cost: 'forecast' | 'report' = 'forecast'): Promise<UserError | null> {
  try {
    await limiter.take(actor, cost, nowMs);
    return null;
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
}

describe.each(ENGINES)('RateLimiter on $name', (engine) => {
  const db = useTestDatabase(engine);
  const limiter = (limits = { forecast: { burst: 3, perMinute: 6 } }) => new RateLimiter(createRateLimitRepo(db().db), limits);
  const t0 = Date.parse('2026-06-15T14:30:00Z');

  beforeEach(async () => {
    await db().rows(sql`truncate rate_buckets`);
  });

  it('allows the burst, refuses the next with the wait, refills over time, and keeps people apart', async () => {
    const limits = limiter();
    for (let i = 0; i < 3; i++) expect(await refusal(limits, 'slack:U1', t0)).toBeNull();
    const refused = await refusal(limits, 'slack:U1', t0);
    expect(refused?.code).toBe('rate_limited');
    expect(refused?.message).toBe('you have used your forecast budget (3 at once, 6 a minute); try again in 10 s');
    expect(await refusal(limits, 'slack:U2', t0)).toBeNull();
    expect(await refusal(limits, 'slack:U1', t0, 'report')).toBeNull();
    // Half a unit back after five seconds: refused, with the shorter wait, and the refusal spends nothing.
    expect((await refusal(limits, 'slack:U1', t0 + 5_000))?.message).toMatch(/try again in 5 s$/);
    expect(await refusal(limits, 'slack:U1', t0 + 10_000)).toBeNull();
    expect((await refusal(limits, 'slack:U1', t0 + 10_000))?.message).toMatch(/try again in 10 s$/);
    // Thirty seconds refill the whole burst.
    for (let i = 0; i < 3; i++) expect(await refusal(limits, 'slack:U1', t0 + 40_000)).toBeNull();
    expect(await refusal(limits, 'slack:U1', t0 + 40_000)).not.toBeNull();
  });

  it('is one budget for every replica: two limiters over the same database share it', async () => {
    const [replicaA, replicaB] = [limiter(), limiter()];
    expect(await refusal(replicaA, 'slack:U1', t0)).toBeNull();
    expect(await refusal(replicaB, 'slack:U1', t0)).toBeNull();
    expect(await refusal(replicaA, 'slack:U1', t0)).toBeNull();
    expect((await refusal(replicaB, 'slack:U1', t0))?.code).toBe('rate_limited');
  });

  it('uses the default limits for the classes it is not told about', async () => {
    const limits = limiter();
    for (let i = 0; i < RATE_LIMITS.report.burst; i++) expect(await refusal(limits, 'slack:U1', t0, 'report')).toBeNull();
    expect((await refusal(limits, 'slack:U1', t0, 'report'))?.message).toBe('you have used your report budget (3 at once, 4 a minute); try again in 15 s');
  });

  it('prunes only buckets that have had time to refill completely', async () => {
    const limits = limiter();
    // The slowest default class, retrain, refills its one unit in ten minutes.
    expect(limits.fullAfterMs).toBe(10 * 60_000);
    await limits.take('slack:U1', 'forecast', t0);
    await limits.take('slack:U2', 'forecast', t0 + 9 * 60_000);
    expect(await limits.prune(t0 + 10 * 60_000 + 1)).toBe(1);
    const keys = await db().rows<{ key: string }>(sql`select key from rate_buckets`);
    expect(keys.map((row) => row.key)).toEqual(['forecast:slack:U2']);
  });

  it('refuses limits it could never refill', () => {
    expect(() => limiter({ forecast: { burst: 3, perMinute: 0 } })).toThrow(/positive refill/);
    expect(() => limiter({ forecast: { burst: 0.5, perMinute: 1 } })).toThrow(/burst of at least 1/);
  });
});
