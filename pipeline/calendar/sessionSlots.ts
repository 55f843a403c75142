import { newYorkInstant } from './newYorkTime.ts';
import { REGULAR_OPEN_MINUTE, closeMinute } from './sessionOpenClose.ts';

/**
 * Start times of the bars of `stepMinutes` a complete feed has for the regular hours of session `date`. Slots lie
 * on the clock grid (bars start at whole multiples of the step after midnight) and every slot that overlaps
 * regular hours counts: 1-minute bars 09:30..15:59, hourly bars 09:00..15:00 (the 09:00 bar holds the open),
 * and on an early close 1-minute bars 09:30..12:59, hourly 09:00..12:00.
 */
export function sessionSlots(date: string, stepMinutes: number): Date[] {
  const firstMinute = Math.floor(REGULAR_OPEN_MINUTE / stepMinutes) * stepMinutes;
  // 09:00..16:00 never crosses a DST change (those happen at 02:00), so minutes add linearly to the first slot.
  const firstMs = newYorkInstant(date, firstMinute).getTime();
  const slots: Date[] = [];
  for (let minute = firstMinute; minute < closeMinute(date); minute += stepMinutes) {
    slots.push(new Date(firstMs + (minute - firstMinute) * 60_000));
  }
  return slots;
}
