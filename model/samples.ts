import type { InputScaler } from '../core/model.ts';
import type { SampleSet } from './network.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import { realisedReturn, type SeriesFrame } from './seriesFrame.ts';

/** A forecast origin: row `origin` of `frame`, whose window ends there. */
export interface Origin {
  frame: SeriesFrame;
  origin: number;
}

/** Scaled inputs are clipped to ±this many training standard deviations, so one wild bar cannot saturate the LSTM. */
export const INPUT_CLIP = 5;

/**
 * Per-input mean and standard deviation over the rows that feed the training windows, and only those: fitted on
 * training data, applied unchanged to validation, backtest and live rows.
 */
export function fitScaler(origins: readonly Origin[], windowLength: number): InputScaler {
  const width = MODEL_INPUTS.length;
  const sum = new Float64Array(width);
  const sumSquares = new Float64Array(width);
  let count = 0;
  const seen = new Map<SeriesFrame, Set<number>>();
  for (const { frame, origin } of origins) {
    const rows = seen.get(frame) ?? new Set<number>();
    seen.set(frame, rows);
    for (let i = origin - windowLength + 1; i <= origin; i++) {
      if (rows.has(i)) continue;
      rows.add(i);
      count++;
      for (let k = 0; k < width; k++) {
        const value = frame.inputs[i * width + k]!;
        sum[k] = sum[k]! + value;
        sumSquares[k] = sumSquares[k]! + value * value;
      }
    }
  }
  if (count < 2) throw new RangeError('fitScaler needs at least two rows');
  const mean = Array.from(sum, (s) => s / count);
  const std = Array.from(sumSquares, (s, k) => {
    const variance = (s - count * mean[k]! ** 2) / (count - 1);
    return variance > 1e-12 ? Math.sqrt(variance) : 1;
  });
  return { mean, std, clip: INPUT_CLIP };
}

/** Writes the scaled window ending at `origin` into `out` at `offset` (time-major, inputs innermost). */
export function writeWindow(frame: SeriesFrame, origin: number, windowLength: number, scaler: InputScaler, out: Float32Array, offset: number): void {
  const width = MODEL_INPUTS.length;
  const start = (origin - windowLength + 1) * width;
  for (let j = 0; j < windowLength * width; j++) {
    const k = j % width;
    const z = (frame.inputs[start + j]! - scaler.mean[k]!) / scaler.std[k]!;
    out[offset + j] = z > scaler.clip ? scaler.clip : z < -scaler.clip ? -scaler.clip : z;
  }
}

/** The h-session log return in units of the origin's volatility × √h: what the network learns, for h = 1..horizons. */
export function normalisedTarget(frame: SeriesFrame, origin: number, h: number): number {
  return realisedReturn(frame, origin, h) / (frame.sigma[origin]! * Math.sqrt(h));
}

/** Windows for `origins`; targets too when `horizons` is given (every origin must then have realised targets). */
export function assembleSamples(origins: readonly Origin[], windowLength: number, scaler: InputScaler, horizons = 0): SampleSet {
  const windowSize = windowLength * MODEL_INPUTS.length;
  const x = new Float32Array(origins.length * windowSize);
  const y = new Float32Array(origins.length * horizons);
  origins.forEach(({ frame, origin }, n) => {
    writeWindow(frame, origin, windowLength, scaler, x, n * windowSize);
    for (let h = 1; h <= horizons; h++) y[n * horizons + h - 1] = normalisedTarget(frame, origin, h);
  });
  return { count: origins.length, x, y };
}
