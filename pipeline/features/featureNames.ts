/**
 * The feature list a model is trained on, in column order: every numeric column of a feature row that is defined
 * for all intervals. A saved model keeps this list and refuses to predict when it no longer matches.
 */
export const FEATURE_NAMES = [
  'close',
  'ret',
  'logret',
  'sma_7',
  'sma_30',
  'sma_50',
  'sma_200',
  'ema_12',
  'ema_26',
  'vol_10',
  'vol_30',
  'rsi_14',
  'macd',
  'macd_signal',
  'macd_hist',
  'bb_pctb',
  'bb_width',
  'atr_14',
  'momentum_10',
  'volume_z_20',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Intraday rows add the session-anchored VWAP (null on daily rows, where a session is one bar). */
export const INTRADAY_FEATURE_NAMES = [...FEATURE_NAMES, 'vwap'] as const;
export type IntradayFeatureName = (typeof INTRADAY_FEATURE_NAMES)[number];

/**
 * First row index at which each feature can be non-null on an unbroken series (docs/features.md derives each one).
 * Later rows can still be null where a value is undefined, e.g. %B of a flat window.
 */
export const FEATURE_WARMUP: Readonly<Record<IntradayFeatureName, number>> = {
  close: 0,
  ret: 1,
  logret: 1,
  sma_7: 6,
  sma_30: 29,
  sma_50: 49,
  sma_200: 199,
  ema_12: 11,
  ema_26: 25,
  vol_10: 10,
  vol_30: 30,
  rsi_14: 14,
  macd: 25,
  macd_signal: 33,
  macd_hist: 33,
  bb_pctb: 19,
  bb_width: 19,
  atr_14: 14,
  momentum_10: 10,
  volume_z_20: 19,
  vwap: 0,
};

/** Rows before this index lack at least one daily feature; a model's training window starts here. */
export const MAX_FEATURE_WARMUP = Math.max(...FEATURE_NAMES.map((name) => FEATURE_WARMUP[name]));
