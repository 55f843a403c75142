/** The NYSE session calendar, 2000..2035: pure functions of dates, no I/O. */
export { CALENDAR_FIRST_DATE, CALENDAR_LAST_DATE, inCalendarRange } from './calendarRange.ts';
export { closureReason, isSession } from './isSession.ts';
export { sessionsBetween } from './sessionsBetween.ts';
export { previousSession } from './previousSession.ts';
export { nextSession } from './nextSession.ts';
export { lastCompletedSession } from './lastCompletedSession.ts';
export {
  EARLY_CLOSE_MINUTE, REGULAR_CLOSE_MINUTE, REGULAR_OPEN_MINUTE, closeMinute, earlyCloseReason, sessionOpenClose,
} from './sessionOpenClose.ts';
export { NEW_YORK_TIME_ZONE, newYorkInstant, newYorkOffsetMinutes, newYorkWallClock } from './newYorkTime.ts';
