import type { QuantileKey } from '../../core/forecast.ts';

/** One forecast's quantiles of the h-session cumulative log return, keyed like `ForecastPoint` (p025 … p975). */
export type QuantileSet = Record<QuantileKey, number>;
