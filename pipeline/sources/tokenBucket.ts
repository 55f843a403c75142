/** Waits `ms` milliseconds; injectable so tests run on a fake clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TokenBucket {
  /** Resolves when the caller may send one request. */
  take(signal?: AbortSignal): Promise<void>;
}

export interface TokenBucketOptions {
  perSecond: number;
  /** Requests that may go at once after a quiet spell. */
  burst: number;
  now: () => Date;
  sleep: Sleep;
}

/**
 * A request-rate cap. A token is reserved before waiting (the balance may go negative), so concurrent callers
 * queue up behind each other instead of all waking at the same moment.
 */
export function createTokenBucket({ perSecond, burst, now, sleep }: TokenBucketOptions): TokenBucket {
  let tokens = burst;
  let updatedAt = now().getTime();
  return {
    async take(signal) {
      const at = now().getTime();
      tokens = Math.min(burst, tokens + ((at - updatedAt) / 1000) * perSecond);
      updatedAt = at;
      tokens -= 1;
      if (tokens >= 0) return;
      try {
        await sleep((-tokens / perSecond) * 1000, signal);
      } catch (err) {
        tokens += 1; // an abandoned wait gives its slot back
        throw err;
      }
    },
  };
}
