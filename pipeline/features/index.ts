// The feature library's public surface; callers import from here rather than from individual files.
export {
  computeFeatureColumns,
  computeFeatures,
  type FeatureColumns,
  type FeatureOptions,
  type FeatureRow,
} from './computeFeatures.ts';
export {
  FEATURE_NAMES,
  FEATURE_WARMUP,
  INTRADAY_FEATURE_NAMES,
  MAX_FEATURE_WARMUP,
  type FeatureName,
  type IntradayFeatureName,
} from './featureNames.ts';
export { atr, trueRange, type RangeBar } from './atr.ts';
export { bollinger, type Bollinger } from './bollinger.ts';
export { ema } from './ema.ts';
export { macd, type Macd } from './macd.ts';
export { momentum } from './momentum.ts';
export { newYorkDate, newYorkDates } from './newYorkDates.ts';
export { logReturns, priceRelatives, simpleReturns, type ReturnBar } from './returns.ts';
export { rollingMoments, type RollingMoments } from './rollingMoments.ts';
export { rollingStd } from './rollingStd.ts';
export { rollingZScore } from './rollingZScore.ts';
export { rsi } from './rsi.ts';
export { seededAverage } from './seededAverage.ts';
export type { ReadonlySeries, Series } from './series.ts';
export { sessionVwap, type VwapBar } from './sessionVwap.ts';
export { sma } from './sma.ts';
export { wilderAverage } from './wilderAverage.ts';
