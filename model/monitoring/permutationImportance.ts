import type { Driver } from '../../core/forecast.ts';
import { seededRandom } from '../seededRandom.ts';

/** Predicts `count` windows laid end to end in `windows`, one number each (e.g. the median of one horizon). */
export type PredictBatch = (windows: Float32Array, count: number) => ArrayLike<number>;

export interface PermutationOptions {
  /**
   * Background rows, `rows × inputCount` in the same scaling as the window (e.g. the z-scored training inputs).
   * Without it, an input is replaced by 0 over the window: its training mean after z-scoring.
   */
  background?: Float32Array;
  /** Scrambles per input, averaged (default 5; 1 without a background, where the replacement is fixed). */
  repeats?: number;
  /** Drivers returned (default 3, as a forecast shows). */
  topK?: number;
  seed?: number;
}

/**
 * Drivers of one forecast: for each input, how far the prediction moves (mean |Δ| over the repeats, in the
 * prediction's units) when that input's column is replaced over the whole window, the other inputs untouched.
 * `x` is one window, row-major: `x[t·inputCount + j]`, t = 0..windowLength-1.
 *
 * The replacement is a contiguous stretch of `windowLength` background rows of that input, started at a seeded
 * random row, rather than values drawn one by one: it keeps the input's own autocorrelation, so a smooth feature
 * (a moving-average ratio) is swapped for another plausible history instead of jagged noise the model never saw,
 * which would overstate its importance. Every scrambled window, and the untouched one, go through one
 * `predictBatch` call.
 */
export function permutationImportance(
  predictBatch: PredictBatch,
  x: Float32Array,
  windowLength: number,
  inputCount: number,
  inputNames: readonly string[],
  opts: PermutationOptions = {},
): Driver[] {
  const width = windowLength * inputCount;
  if (x.length !== width) throw new RangeError(`permutationImportance: window has ${x.length} values, expected ${width}`);
  if (inputNames.length !== inputCount) throw new RangeError(`permutationImportance: ${inputNames.length} names for ${inputCount} inputs`);
  const pools = opts.background ? columnPools(opts.background, inputCount) : null;
  const repeats = pools ? Math.max(1, opts.repeats ?? 5) : 1;
  const random = seededRandom(opts.seed ?? 1);

  const count = 1 + inputCount * repeats;
  const windows = new Float32Array(count * width);
  for (let w = 0; w < count; w++) windows.set(x, w * width);
  for (let j = 0; j < inputCount; j++) {
    for (let r = 0; r < repeats; r++) {
      const offset = (1 + j * repeats + r) * width;
      const replacement = replacementColumn(pools?.[j] ?? [], windowLength, random);
      for (let t = 0; t < windowLength; t++) windows[offset + t * inputCount + j] = replacement[t]!;
    }
  }

  const predictions = predictBatch(windows, count);
  if (predictions.length !== count) throw new RangeError(`permutationImportance: ${predictions.length} predictions for ${count} windows`);
  const base = predictions[0]!;
  const drivers: Driver[] = inputNames.map((input, j) => {
    let total = 0;
    for (let r = 0; r < repeats; r++) total += Math.abs(predictions[1 + j * repeats + r]! - base);
    return { input, importance: total / repeats };
  });
  // Stable sort: equal importances keep the input order.
  return drivers.sort((a, b) => b.importance - a.importance).slice(0, opts.topK ?? 3);
}

/** Each input's finite background values, in row order. */
function columnPools(background: Float32Array, inputCount: number): number[][] {
  if (background.length % inputCount !== 0) {
    throw new RangeError(`permutationImportance: background length ${background.length} is not rows × ${inputCount}`);
  }
  const pools: number[][] = Array.from({ length: inputCount }, () => []);
  for (let i = 0; i < background.length; i++) {
    const value = background[i]!;
    if (Number.isFinite(value)) pools[i % inputCount]!.push(value);
  }
  return pools;
}

/** A stretch of the pool as long as the window; single draws when the pool is shorter; zeros when it is empty. */
function replacementColumn(pool: readonly number[], windowLength: number, random: () => number): number[] {
  if (pool.length === 0) return new Array<number>(windowLength).fill(0);
  if (pool.length >= windowLength) {
    const start = Math.floor(random() * (pool.length - windowLength + 1));
    return pool.slice(start, start + windowLength);
  }
  return Array.from({ length: windowLength }, () => pool[Math.floor(random() * pool.length)]!);
}
