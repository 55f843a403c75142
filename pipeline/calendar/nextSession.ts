import { addDays } from './isoDate.ts';
import { isSession } from './isSession.ts';

/** The first session strictly after `date` (which need not be a session itself). */
export function nextSession(date: string): string {
  let candidate = addDays(date, 1);
  while (!isSession(candidate)) candidate = addDays(candidate, 1);
  return candidate;
}
