import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RateLimitRepo } from '../../core/rateLimits.ts';
import { createRateLimitRepo } from '../../storage/repos/rateLimitRepo.ts';
import { TEST_DATABASE_URL } from '../support/engines.ts';
import { useRacingHandles } from '../support/racingHandles.ts';

const BURST = 7;
const TAKES = 60;

/**
 * Two database handles (two connection pools, as two web replicas would have) taking from one bucket at once.
 * PGlite is one connection, so only PostgreSQL can race.
 */
describe.skipIf(!TEST_DATABASE_URL)('rate buckets taken from racing replicas on PostgreSQL', () => {
  const handles = useRacingHandles();
  const replicas = (): RateLimitRepo[] => handles().map((handle) => createRateLimitRepo(handle.db));

  beforeEach(async () => {
    await handles()[0]!.rows(sql`truncate rate_buckets`);
  });

  /** `TAKES` simultaneous takes of `key`, alternating between the replicas; what each answered. */
  async function race(key: string, now: Date): Promise<{ taken: boolean; tokens: number }[]> {
    return Promise.all(Array.from({ length: TAKES }, (_, i) => replicas()[i % 2]!.take(key, { burst: BURST, perMinute: 1 }, now)));
  }

  it('grants exactly the burst when a new bucket is first taken from by both at once', async () => {
    const answers = await race('forecast:slack:U1', new Date('2026-06-15T14:30:00Z'));
    expect(answers.filter((a) => a.taken)).toHaveLength(BURST);
    expect(answers.filter((a) => a.taken).map((a) => a.tokens).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(answers.filter((a) => !a.taken).every((a) => a.tokens < 1)).toBe(true);
  });

  it('never grants more than an existing bucket holds', async () => {
    const key = 'forecast:slack:U2';
    const t0 = new Date('2026-06-15T14:30:00Z');
    await replicas()[0]!.take(key, { burst: BURST, perMinute: 1 }, t0);
    // Three minutes later the bucket holds 6 + 3, capped at 7: seven more, however many ask at once.
    const answers = await race(key, new Date(t0.getTime() + 3 * 60_000));
    expect(answers.filter((a) => a.taken)).toHaveLength(BURST);
    // Each refusal reports what the bucket holds now (nothing), read from the latest row, not an older snapshot.
    expect(answers.filter((a) => !a.taken).map((a) => a.tokens)).toEqual(Array.from({ length: TAKES - BURST }, () => 0));
    const [row] = await handles()[1]!.rows<{ tokens: number }>(sql`select tokens from rate_buckets where key = ${key}`);
    expect(Number(row!.tokens)).toBe(0);
  });
});
