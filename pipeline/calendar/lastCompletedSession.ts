import { isSession } from './isSession.ts';
import { newYorkWallClock } from './newYorkTime.ts';
import { previousSession } from './previousSession.ts';
import { sessionOpenClose } from './sessionOpenClose.ts';

/** The newest session whose regular close (13:00 ET on early-close days) is at or before `now`. */
export function lastCompletedSession(now: Date): string {
  const today = newYorkWallClock(now).date;
  if (isSession(today) && sessionOpenClose(today).close.getTime() <= now.getTime()) return today;
  return previousSession(today);
}
