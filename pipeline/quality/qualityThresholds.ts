import type { Interval } from '../../core/bars.ts';

/**
 * Every number the quality gate judges by, in one place. docs/quality.md explains each; the values were checked
 * against the real files in ../shared/data so that clean data raises no warning.
 */

/** Relative slack for open/close vs [low, high]: sources round prices (float32 noise is ~1e-7 relative). */
export const OHLC_RANGE_TOLERANCE = 1e-6;

/** A placeholder repeats the previous close; equality allows for this much relative rounding. */
export const PLACEHOLDER_PRICE_TOLERANCE = 1e-9;

/** Outlier returns: the trailing window (in returns) the robust sigma is measured over, and the least history needed. */
export const OUTLIER_WINDOW = 60;
export const OUTLIER_MIN_HISTORY = 20;

/** MAD → sigma for normally distributed data. */
export const MAD_TO_SIGMA = 1.4826;

/**
 * A return is an outlier beyond this many robust sigmas from the trailing median return. On the 11 real daily files
 * (59,000 bars) k = 8 flags 72 returns, about one per ticker every three years, each on at least 2x its median
 * volume (earnings days, March 2020). At k = 6 crisis days on ordinary volume appear (AMD 2008-09-30, 0.85x).
 */
export const OUTLIER_SIGMA_K = 8;

/**
 * …and only if its absolute log return also exceeds this floor: in a quiet stretch (or on thin intraday feeds, where
 * most 1-minute returns are exactly 0) the MAD can shrink towards 0 and would otherwise call ordinary moves outliers.
 */
export const OUTLIER_MIN_ABS_LOG_RETURN: Readonly<Record<Interval, number>> = { '1d': 0.03, '1h': 0.02, '5m': 0.01, '1m': 0.01 };

/**
 * An outlier on at least this multiple of the trailing median volume is confirmed by trading (real news): info.
 * A bad tick trades on ordinary volume (ratio near 1); real daily outliers above k = 8 all had 2x or more.
 */
export const VOLUME_CONFIRMATION_RATIO = 1.5;

/** A day-over-day change of adj_close/close beyond this fraction is an unadjusted split or spin-off, not a dividend. */
export const ADJ_RATIO_MAX_CHANGE = 0.25;

/** How long after a session's close its bar may take to appear at the source before the series counts as stale. */
export const PUBLICATION_DELAY_MINUTES: Readonly<Record<Interval, number>> = { '1d': 360, '1h': 90, '5m': 20, '1m': 15 };

/** While a session is open, an intraday series whose newest bar is older than this is stale (thin feeds skip minutes). */
export const INTRADAY_LIVE_LAG_MINUTES: Readonly<Record<Exclude<Interval, '1d'>, number>> = { '1h': 150, '5m': 30, '1m': 30 };

