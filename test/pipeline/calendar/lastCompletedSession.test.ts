import { describe, expect, it } from 'vitest';
import { lastCompletedSession } from '../../../pipeline/calendar/lastCompletedSession.ts';

const at = (iso: string) => lastCompletedSession(new Date(iso));

describe('lastCompletedSession', () => {
  it('switches to today exactly at the close', () => {
    expect(at('2024-06-14T19:59:59Z')).toBe('2024-06-13');
    expect(at('2024-06-14T20:00:00Z')).toBe('2024-06-14');
  });

  it('uses the 13:00 close on an early-close day', () => {
    expect(at('2021-11-26T17:59:00Z')).toBe('2021-11-24');
    expect(at('2021-11-26T18:00:00Z')).toBe('2021-11-26');
  });

  it('reaches back over weekends and holidays', () => {
    expect(at('2024-06-16T12:00:00Z')).toBe('2024-06-14');
    expect(at('2024-07-04T22:00:00Z')).toBe('2024-07-03');
  });

  it('takes the New York date, not the UTC one', () => {
    // 01:00 UTC on Saturday is still Friday evening in New York.
    expect(at('2024-06-15T01:00:00Z')).toBe('2024-06-14');
    // 03:00 UTC on Monday is Sunday night in New York.
    expect(at('2024-06-17T03:00:00Z')).toBe('2024-06-14');
  });
});
