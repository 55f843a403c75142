/** Per-person budgets for expensive commands, shared by every process through the database. */

export interface RateLimit {
  /** Units available at once (the bucket's size); at least 1. */
  burst: number;
  /** Units added back each minute, evenly. */
  perMinute: number;
}

export interface RateLimitTake {
  taken: boolean;
  /** The units left after this take; when refused, the units (below 1) the bucket holds as of now. */
  tokens: number;
}

export interface RateLimitRepo {
  /**
   * Refills bucket `key` up to `now` and takes one unit when at least one is there, as one atomic step: two
   * processes taking from the same bucket at once can never both spend its last unit. A refusal spends nothing.
   * A bucket seen for the first time starts full.
   */
  take(key: string, limit: RateLimit, now: Date): Promise<RateLimitTake>;
  /**
   * Deletes buckets untouched since `before`. A bucket left alone for its whole refill time is full, and a full
   * bucket is what a missing one means, so pruning with `before` at least that long ago changes no one's budget.
   */
  prune(before: Date): Promise<number>;
}
