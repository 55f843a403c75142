/**
 * A clock whose `sleep` returns at once and moves time forward, so waits (rate cap, backoff, Retry-After) are
 * asserted exactly instead of timed.
 */
export interface FakeClock {
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
  elapsedMs(): number;
}

export function createFakeClock(start: Date): FakeClock {
  let time = start.getTime();
  const sleeps: number[] = [];
  return {
    now: () => new Date(time),
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    sleeps,
    elapsedMs: () => time - start.getTime(),
  };
}
