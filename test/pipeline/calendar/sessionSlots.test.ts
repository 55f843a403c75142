import { describe, expect, it } from 'vitest';
import { regularSessionAt } from '../../../pipeline/calendar/regularSessionAt.ts';
import { sessionSlots } from '../../../pipeline/calendar/sessionSlots.ts';

describe('sessionSlots', () => {
  it('lays 390 minutes, 78 five-minute and 7 hourly bars on a full session', () => {
    const minutes = sessionSlots('2021-07-02', 1);
    expect(minutes).toHaveLength(390);
    expect(minutes[0]!.toISOString()).toBe('2021-07-02T13:30:00.000Z');
    expect(minutes.at(-1)!.toISOString()).toBe('2021-07-02T19:59:00.000Z');
    expect(sessionSlots('2021-07-02', 5)).toHaveLength(78);
    const hours = sessionSlots('2021-12-01', 60).map((slot) => slot.toISOString());
    expect(hours[0]).toBe('2021-12-01T14:00:00.000Z');
    expect(hours).toHaveLength(7);
  });

  it('stops at 13:00 on an early close', () => {
    expect(sessionSlots('2021-11-26', 1)).toHaveLength(210);
    expect(sessionSlots('2021-11-26', 60).map((slot) => slot.toISOString().slice(11, 16))).toEqual(['14:00', '15:00', '16:00', '17:00']);
  });
});

describe('regularSessionAt', () => {
  it('places a bar in the session whose regular hours it overlaps', () => {
    expect(regularSessionAt(new Date('2021-07-02T13:30:00Z'), 1)).toBe('2021-07-02');
    expect(regularSessionAt(new Date('2021-07-02T13:29:00Z'), 1)).toBeNull();
    expect(regularSessionAt(new Date('2021-07-02T13:00:00Z'), 60)).toBe('2021-07-02');
    expect(regularSessionAt(new Date('2021-07-02T20:00:00Z'), 1)).toBeNull();
    expect(regularSessionAt(new Date('2021-07-03T14:00:00Z'), 1)).toBeNull();
  });
});
