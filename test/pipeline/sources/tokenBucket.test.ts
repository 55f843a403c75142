import { describe, expect, it } from 'vitest';
import { retryAfterMs } from '../../../pipeline/sources/backoff.ts';
import { createTokenBucket } from '../../../pipeline/sources/tokenBucket.ts';
import { createFakeClock } from './fakeClock.ts';

describe('createTokenBucket', () => {
  it('queues concurrent callers one interval apart instead of waking them together', async () => {
    const waits: number[] = [];
    const now = new Date('2024-01-01T00:00:00Z');
    const bucket = createTokenBucket({ perSecond: 2, burst: 1, now: () => now, sleep: async (ms) => { waits.push(ms); } });
    await Promise.all([bucket.take(), bucket.take(), bucket.take(), bucket.take()]);
    expect(waits).toEqual([500, 1000, 1500]);
  });

  it('lets a burst through at once after a quiet spell, then refills at the rate', async () => {
    const clock = createFakeClock(new Date('2024-01-01T00:00:00Z'));
    const bucket = createTokenBucket({ perSecond: 2, burst: 3, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 5; i++) await bucket.take();
    expect(clock.sleeps).toEqual([500, 500]);
  });
});

describe('retryAfterMs', () => {
  const now = new Date('2024-01-01T00:00:00Z');
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 01 Jan 2024 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
