import { QUANTILE_LEVELS } from '../core/forecast.ts';

/**
 * Corrections fitted on a held-out window the network never trained on, per horizon:
 * - `shrink`: the median is scaled by this (0..1), chosen to minimise absolute error. A return model rarely knows
 *   much; shrinking toward "no change" keeps its median from being worse than the random walk's.
 * - `widen80`, `widen95`: conformalised quantile regression (Romano et al., 2019). Each interval is moved out (or,
 *   if negative, in) by the conformity-score quantile, so it covers its nominal share on exchangeable data.
 * All in normalised units (return / (σ·√h)).
 */
export interface Calibration {
  shrink: number[];
  widen80: number[];
  widen95: number[];
}

const Q = QUANTILE_LEVELS.length;
const LOW95 = 0;
const LOW80 = 1;
const MEDIAN = 2;
const HIGH80 = 3;
const HIGH95 = 4;

export const NO_CALIBRATION = (horizons: number): Calibration => ({
  shrink: new Array<number>(horizons).fill(1),
  widen80: new Array<number>(horizons).fill(0),
  widen95: new Array<number>(horizons).fill(0),
});

/** The finite-sample conformal quantile: the ⌈(n+1)(1−α)⌉-th smallest score. */
function conformalQuantile(scores: number[], alpha: number): number {
  const sorted = [...scores].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.ceil((sorted.length + 1) * (1 - alpha)));
  return sorted[rank - 1]!;
}

function bestShrink(medians: number[], targets: number[]): number {
  let best = 1;
  let bestError = Number.POSITIVE_INFINITY;
  for (let step = 0; step <= 20; step++) {
    const shrink = step / 20;
    let error = 0;
    for (let i = 0; i < medians.length; i++) error += Math.abs(targets[i]! - shrink * medians[i]!);
    if (error < bestError - 1e-12) {
      bestError = error;
      best = shrink;
    }
  }
  return best;
}

/**
 * Fits the calibration from raw network output on held-out samples: `predictions` is `count × horizons × Q`
 * (levels innermost), `targets` is `count × horizons`.
 */
export function fitCalibration(predictions: Float32Array, targets: Float32Array, count: number, horizons: number): Calibration {
  if (count < 20) throw new RangeError(`calibration needs at least 20 held-out samples, got ${count}`);
  const calibration = NO_CALIBRATION(horizons);
  for (let h = 0; h < horizons; h++) {
    const medians: number[] = [];
    const ys: number[] = [];
    for (let n = 0; n < count; n++) {
      medians.push(predictions[(n * horizons + h) * Q + MEDIAN]!);
      ys.push(targets[n * horizons + h]!);
    }
    const shrink = bestShrink(medians, ys);
    calibration.shrink[h] = shrink;
    const scores80: number[] = [];
    const scores95: number[] = [];
    const row = new Float64Array(Q);
    for (let n = 0; n < count; n++) {
      for (let q = 0; q < Q; q++) row[q] = predictions[(n * horizons + h) * Q + q]!;
      const shifted = shiftAndSort(row, shrink);
      const y = ys[n]!;
      scores80.push(Math.max(shifted[LOW80]! - y, y - shifted[HIGH80]!));
      scores95.push(Math.max(shifted[LOW95]! - y, y - shifted[HIGH95]!));
    }
    calibration.widen80[h] = conformalQuantile(scores80, 0.2);
    calibration.widen95[h] = conformalQuantile(scores95, 0.05);
  }
  return calibration;
}

/** Moves every quantile with the shrunk median (the spread stays the network's), then sorts away any crossing. */
function shiftAndSort(row: ArrayLike<number>, shrink: number): number[] {
  const shift = (shrink - 1) * row[MEDIAN]!;
  return Array.from({ length: Q }, (_, q) => row[q]! + shift).sort((a, b) => a - b);
}

/** One horizon's raw quantiles (normalised units) → calibrated, ordered quantiles in the same units. */
export function applyCalibration(raw: ArrayLike<number>, calibration: Calibration, h: number): number[] {
  const q = shiftAndSort(raw, calibration.shrink[h]!);
  q[LOW80] = q[LOW80]! - calibration.widen80[h]!;
  q[HIGH80] = q[HIGH80]! + calibration.widen80[h]!;
  q[LOW95] = Math.min(q[LOW95]! - calibration.widen95[h]!, q[LOW80]!);
  q[HIGH95] = Math.max(q[HIGH95]! + calibration.widen95[h]!, q[HIGH80]!);
  // A narrowing correction must not push an interval past the median.
  q[LOW80] = Math.min(q[LOW80]!, q[MEDIAN]!);
  q[HIGH80] = Math.max(q[HIGH80]!, q[MEDIAN]!);
  return q;
}
