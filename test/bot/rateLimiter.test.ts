import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { RateLimiter } from '../../bot/rateLimiter.ts';

describe('RateLimiter', () => {
  it('allows the burst, refuses the next with the wait, refills over time, and keeps people apart', () => {
    const limiter = new RateLimiter({ forecast: { burst: 3, perMinute: 6 } });
    const t0 = 1_000_000;
    for (let i = 0; i < 3; i++) limiter.take('slack:U1', 'forecast', t0);
    let refusal: unknown = null;
    try {
      limiter.take('slack:U1', 'forecast', t0);
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(UserError);
    expect((refusal as UserError).code).toBe('rate_limited');
    expect((refusal as UserError).message).toMatch(/try again in 10 s/);
    limiter.take('slack:U2', 'forecast', t0);
    limiter.take('slack:U1', 'report', t0);
    expect(() => limiter.take('slack:U1', 'forecast', t0 + 5_000)).toThrow(UserError);
    limiter.take('slack:U1', 'forecast', t0 + 10_000);
  });
});
