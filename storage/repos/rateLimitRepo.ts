import { lt, sql, type SQL } from 'drizzle-orm';
import type { RateLimit, RateLimitRepo } from '../../core/rateLimits.ts';
import { rowsOf, type Db } from '../database.ts';
import { rateBuckets } from '../schema/index.ts';

/**
 * Token buckets in `rate_buckets`, refilled in SQL from the stored tokens and `updated_at`. The take is one
 * statement: the upsert works on the latest committed version of the row, whichever process wrote it, locks it,
 * and spends only when the refilled bucket holds a unit. When it refuses, `refused` reads what the bucket holds;
 * `for update` makes that read the same latest version (the row is already ours), not the statement's older
 * snapshot, so the wait it gives is right even while other replicas are taking.
 */
export function createRateLimitRepo(db: Db): RateLimitRepo {
  return {
    async take(key, limit, now) {
      const at = sql`${now.toISOString()}::timestamptz`;
      const refilled = refilledAt(limit, at);
      const [row] = rowsOf<{ taken: boolean; tokens: number | string | null }>(
        await db.execute(sql`
          with spent as (
            insert into rate_buckets as bucket (key, tokens, updated_at)
            values (${key}, ${limit.burst}::float8 - 1, ${at})
            on conflict (key) do update
              set tokens = ${refilled} - 1, updated_at = greatest(bucket.updated_at, ${at})
              where ${refilled} >= 1
            returning bucket.tokens
          ),
          refused as (
            select ${refilled} as tokens from rate_buckets as bucket
              where bucket.key = ${key} and not exists (select from spent)
              for update
          )
          select true as taken, tokens from spent
          union all
          select false as taken, tokens from refused`),
      );
      // Refused, and the row is newer than this statement's snapshot: another process created the bucket in this
      // very instant and spent it. It holds less than a unit; 0 gives the longest wait that can be right.
      if (!row) return { taken: false, tokens: 0 };
      return { taken: row.taken, tokens: Number(row.tokens ?? 0) };
    },

    async prune(before) {
      const removed = await db.delete(rateBuckets).where(lt(rateBuckets.updatedAt, before)).returning({ key: rateBuckets.key });
      return removed.length;
    },
  };
}

/**
 * The bucket's units as of `at`: what it held, plus the refill since it was last written, capped at the burst.
 * A clock behind the stored time (another replica's) refills nothing rather than draining the bucket.
 */
function refilledAt(limit: RateLimit, at: SQL): SQL {
  const elapsedSeconds = sql`greatest(0, extract(epoch from (${at} - bucket.updated_at))::float8)`;
  return sql`least(${limit.burst}::float8, bucket.tokens + ${elapsedSeconds} * ${limit.perMinute}::float8 / 60)`;
}
