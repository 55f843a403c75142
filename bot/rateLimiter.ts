import { UserError } from '../core/errors.ts';
import type { RateLimit, RateLimitRepo } from '../core/rateLimits.ts';
import type { CostClass } from './command.ts';

/** Each person's budget per expensive command class: a burst, refilled evenly over a minute. */
export const RATE_LIMITS: Record<CostClass, RateLimit> = {
  forecast: { burst: 10, perMinute: 20 },
  report: { burst: 3, perMinute: 4 },
  retrain: { burst: 1, perMinute: 0.1 },
};

/**
 * Per-person token buckets kept in the database, so every web replica draws on the same budget and a replica
 * holds nothing another one needs.
 */
export class RateLimiter {
  private readonly limits: Record<CostClass, RateLimit>;

  constructor(
    private readonly buckets: RateLimitRepo,
    limits: Partial<Record<CostClass, RateLimit>> = {},
  ) {
    this.limits = { ...RATE_LIMITS, ...limits };
    for (const [cost, limit] of Object.entries(this.limits)) {
      if (!(limit.burst >= 1 && limit.perMinute > 0)) throw new RangeError(`the ${cost} rate limit needs a burst of at least 1 and a positive refill`);
    }
  }

  /** Takes one unit for `actor` in `cost`, or throws a UserError saying when to try again. */
  async take(actor: string, cost: CostClass, nowMs: number): Promise<void> {
    const limit = this.limits[cost];
    const { taken, tokens } = await this.buckets.take(`${cost}:${actor}`, limit, new Date(nowMs));
    if (taken) return;
    const waitSeconds = Math.max(1, Math.ceil(((1 - tokens) / limit.perMinute) * 60));
    throw new UserError('rate_limited', `you have used your ${cost} budget (${limit.burst} at once, ${limit.perMinute} a minute); try again in ${waitSeconds} s`);
  }

  /** How long a bucket takes to refill from empty to full; untouched that long, it carries no information. */
  get fullAfterMs(): number {
    return Math.max(...Object.values(this.limits).map((limit) => (limit.burst / limit.perMinute) * 60_000));
  }

  /** Drops the buckets that have been full since before `nowMs`; returns how many. */
  prune(nowMs: number): Promise<number> {
    return this.buckets.prune(new Date(nowMs - this.fullAfterMs));
  }
}
