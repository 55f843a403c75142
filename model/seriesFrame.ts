import { sessionDate } from '../core/bars.ts';
import type { ModellingBar } from '../pipeline/quality/cleanForModelling.ts';
import { computeFeatureColumns } from '../pipeline/features/index.ts';
import { MODEL_INPUTS, modelInputMatrix, sigmaAt } from './modelInputs.ts';

/**
 * One ticker's history in the form the model reads: per session row its date, close, log adjusted close, the
 * volatility its returns are scaled by, and the model inputs. Built from the quality gate's modelling bars, so
 * rows are sessions and made-up rows are marked.
 */
export interface SeriesFrame {
  ticker: string;
  rows: number;
  dates: string[];
  close: Float64Array;
  volume: Float64Array;
  /** ln(adj_close), or ln(close) where the bar has no adjusted close: returns are differences of this. */
  logPrice: Float64Array;
  /** The row's return scale (`vol_30`, floored); NaN until defined. */
  sigma: Float64Array;
  /** `rows × MODEL_INPUTS.length`, NaN where undefined. */
  inputs: Float32Array;
  /** 1 where the row's bar is real (not filled, not condemned by the gate). */
  real: Uint8Array;
  /** 1 where every input and sigma are defined. */
  defined: Uint8Array;
}

export function buildSeriesFrame(ticker: string, bars: readonly ModellingBar[]): SeriesFrame {
  const rows = bars.length;
  const columns = computeFeatureColumns(bars);
  const inputs = modelInputMatrix(columns, rows);
  const width = MODEL_INPUTS.length;
  const frame: SeriesFrame = {
    ticker,
    rows,
    dates: bars.map((bar) => sessionDate(bar.ts)),
    close: Float64Array.from(bars, (bar) => bar.close),
    volume: Float64Array.from(bars, (bar) => bar.volume),
    logPrice: Float64Array.from(bars, (bar) => Math.log(bar.adjClose ?? bar.close)),
    sigma: new Float64Array(rows),
    inputs,
    real: Uint8Array.from(bars, (bar) => (bar.excluded || bar.filled ? 0 : 1)),
    defined: new Uint8Array(rows),
  };
  for (let i = 0; i < rows; i++) {
    frame.sigma[i] = sigmaAt(columns, i);
    let defined = Number.isFinite(frame.sigma[i]!);
    for (let k = 0; defined && k < width; k++) defined = !Number.isNaN(inputs[i * width + k]!);
    frame.defined[i] = defined ? 1 : 0;
  }
  return frame;
}

/** Whether a window of `windowLength` rows ending at `origin` can be fed to the model, and the origin bar is real. */
export function canForecastFrom(frame: SeriesFrame, origin: number, windowLength: number): boolean {
  if (origin < windowLength - 1 || origin >= frame.rows || frame.real[origin] !== 1) return false;
  for (let i = origin - windowLength + 1; i <= origin; i++) if (frame.defined[i] !== 1) return false;
  return true;
}

/** Whether the next `horizons` rows after `origin` exist and are real, so its targets are true returns. */
export function hasRealisedTargets(frame: SeriesFrame, origin: number, horizons: number): boolean {
  if (origin + horizons >= frame.rows) return false;
  for (let h = 1; h <= horizons; h++) if (frame.real[origin + h] !== 1) return false;
  return true;
}

/** The realised log return from `origin` over `h` sessions. */
export function realisedReturn(frame: SeriesFrame, origin: number, h: number): number {
  return frame.logPrice[origin + h]! - frame.logPrice[origin]!;
}

/** Every session date any frame has, ascending and once each. */
export function sessionDates(frames: readonly SeriesFrame[]): string[] {
  return [...new Set(frames.flatMap((frame) => frame.dates))].sort();
}

/** Index of the last row dated on or before `date`, or -1. */
export function lastRowOnOrBefore(frame: SeriesFrame, date: string): number {
  let low = 0;
  let high = frame.rows - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (frame.dates[mid]! <= date) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}
