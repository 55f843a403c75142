import { UserError } from '../core/errors.ts';
import type { CostClass } from './command.ts';

/** Each person's budget per expensive command class: a burst, refilled evenly over a minute. */
export const RATE_LIMITS: Record<CostClass, { burst: number; perMinute: number }> = {
  forecast: { burst: 10, perMinute: 20 },
  report: { burst: 3, perMinute: 4 },
  retrain: { burst: 1, perMinute: 0.1 },
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Per-user token buckets, in memory. A replica keeps its own: with N web replicas a person may get up to N times
 * the budget, which is an acceptable bound for a guard against runaway loops, not a billing meter.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits: Record<CostClass, { burst: number; perMinute: number }>;

  constructor(limits: Partial<Record<CostClass, { burst: number; perMinute: number }>> = {}) {
    this.limits = { ...RATE_LIMITS, ...limits };
  }

  /** Takes one unit for `actor` in `cost`, or throws a UserError saying when to try again. */
  take(actor: string, cost: CostClass, nowMs: number): void {
    const limit = this.limits[cost];
    const key = `${cost}\u0000${actor}`;
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, updatedAt: nowMs };
    const refilled = Math.min(limit.burst, bucket.tokens + ((nowMs - bucket.updatedAt) / 60_000) * limit.perMinute);
    if (refilled < 1) {
      const waitSeconds = Math.ceil(((1 - refilled) / limit.perMinute) * 60);
      this.buckets.set(key, { tokens: refilled, updatedAt: nowMs });
      throw new UserError('rate_limited', `you have used your ${cost} budget (${limit.burst} at once, ${limit.perMinute} a minute); try again in ${waitSeconds} s`);
    }
    this.buckets.set(key, { tokens: refilled - 1, updatedAt: nowMs });
    if (this.buckets.size > 10_000) this.forgetFull(nowMs);
  }

  /** Buckets that have refilled completely carry no information; dropping them keeps memory bounded. */
  private forgetFull(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      const cost = key.slice(0, key.indexOf('\u0000')) as CostClass;
      const limit = this.limits[cost];
      if (bucket.tokens + ((nowMs - bucket.updatedAt) / 60_000) * limit.perMinute >= limit.burst) this.buckets.delete(key);
    }
  }
}
