import type { Interval } from '../../core/bars.ts';

/** Length of an intraday bar in minutes; expected bars are laid on this grid. */
export const INTERVAL_MINUTES: Readonly<Record<Exclude<Interval, '1d'>, number>> = { '1h': 60, '5m': 5, '1m': 1 };
