import type { FeatureColumns } from '../pipeline/features/index.ts';

/**
 * The model's inputs: scale-free transforms of the feature columns, so one global model serves every ticker.
 * Returns and trends are divided by the ticker's own rolling volatility (`vol_30`, known at the bar), which is the
 * per-ticker normalisation; the z-score scaler fitted on training rows comes on top. Each input at row i reads only
 * feature values at row i, and features read only bars up to i, so no input sees the future.
 *
 * A saved model keeps this list; renaming, reordering or redefining an input is a new feature list and old models
 * refuse to predict on it.
 */
export const MODEL_INPUTS = [
  'logret_z',
  'momentum_10_z',
  'vol_ratio',
  'vol_level',
  'rsi_14',
  'bb_pctb',
  'macd_hist_z',
  'trend_50_z',
  'trend_200_z',
  'range_z',
  'volume_z_20',
] as const;
export type ModelInput = (typeof MODEL_INPUTS)[number];

/** Volatility below this (0.25% a day) is treated as this, so a quiet stretch cannot blow normalised values up. */
export const SIGMA_FLOOR = 0.0025;

type Column = readonly (number | null)[];

function at(column: Column, i: number): number {
  const value = column[i];
  return value === null || value === undefined ? Number.NaN : value;
}

/** The volatility a row's returns are measured in: `vol_30` floored, NaN until it is defined. */
export function sigmaAt(columns: FeatureColumns, i: number): number {
  return Math.max(at(columns.vol_30, i), SIGMA_FLOOR);
}

const DEFINITIONS: Record<ModelInput, (c: FeatureColumns, i: number, sigma: number) => number> = {
  logret_z: (c, i, s) => at(c.logret, i) / s,
  momentum_10_z: (c, i, s) => Math.log1p(at(c.momentum_10, i)) / (s * Math.sqrt(10)),
  vol_ratio: (c, i, s) => Math.log(Math.max(at(c.vol_10, i), SIGMA_FLOOR / 4) / s),
  vol_level: (_c, _i, s) => Math.log(s),
  rsi_14: (c, i) => at(c.rsi_14, i) / 100 - 0.5,
  bb_pctb: (c, i) => at(c.bb_pctb, i) - 0.5,
  macd_hist_z: (c, i, s) => at(c.macd_hist, i) / (at(c.close, i) * s),
  trend_50_z: (c, i, s) => Math.log(at(c.close, i) / at(c.sma_50, i)) / s,
  trend_200_z: (c, i, s) => Math.log(at(c.close, i) / at(c.sma_200, i)) / s,
  range_z: (c, i, s) => at(c.atr_14, i) / at(c.close, i) / s,
  volume_z_20: (c, i) => at(c.volume_z_20, i),
};

/**
 * The input matrix, row-major (`rows × MODEL_INPUTS.length`); NaN where an input is undefined at a row (warm-up,
 * a flat window), so callers can tell which rows may start or sit inside a window.
 */
export function modelInputMatrix(columns: FeatureColumns, rows: number): Float32Array {
  const width = MODEL_INPUTS.length;
  const matrix = new Float32Array(rows * width);
  for (let i = 0; i < rows; i++) {
    const sigma = sigmaAt(columns, i);
    for (let k = 0; k < width; k++) {
      const value = DEFINITIONS[MODEL_INPUTS[k]!](columns, i, sigma);
      matrix[i * width + k] = Number.isFinite(value) ? value : Number.NaN;
    }
  }
  return matrix;
}
