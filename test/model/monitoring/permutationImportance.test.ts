import { describe, expect, it } from 'vitest';
import { permutationImportance, type PredictBatch } from '../../../model/monitoring/index.ts';
import { seededRandom } from '../../../model/seededRandom.ts';

const WINDOW = 4;
const INPUTS = 3;
const NAMES = ['ret', 'rsi_14', 'volume_z'];
const WEIGHTS = [2, 0.5, 0];

/** A linear "model": Σ_t Σ_j w_j · x[t, j] per window; counts its calls. */
function linearModel(): { predict: PredictBatch; calls: number[] } {
  const calls: number[] = [];
  const predict: PredictBatch = (windows, count) => {
    calls.push(count);
    const out = new Float32Array(count);
    for (let w = 0; w < count; w++) {
      let sum = 0;
      for (let t = 0; t < WINDOW; t++) {
        for (let j = 0; j < INPUTS; j++) sum += WEIGHTS[j]! * windows[w * WINDOW * INPUTS + t * INPUTS + j]!;
      }
      out[w] = sum;
    }
    return out;
  };
  return { predict, calls };
}

// Row-major window: x[t·INPUTS + j]. Column sums: ret 1.0, rsi 2.0, volume_z 4.0.
const x = Float32Array.from([0.25, 0.5, 1, 0.25, 0.5, 1, 0.25, 0.5, 1, 0.25, 0.5, 1]);

describe('permutationImportance', () => {
  it('without a background replaces an input by its training mean 0: importance = |w_j · Σ_t x[t, j]|', () => {
    const { predict, calls } = linearModel();
    const drivers = permutationImportance(predict, x, WINDOW, INPUTS, NAMES, { topK: 3 });
    expect(drivers).toEqual([
      { input: 'ret', importance: 2 },
      { input: 'rsi_14', importance: 1 },
      { input: 'volume_z', importance: 0 },
    ]);
    expect(calls).toEqual([1 + INPUTS]);
  });

  it('with a background sends every scrambled window through one batch and ranks by mean |Δ|', () => {
    const random = seededRandom(9);
    const background = Float32Array.from({ length: 500 * INPUTS }, () => random() * 4 - 2);
    const { predict, calls } = linearModel();
    const drivers = permutationImportance(predict, x, WINDOW, INPUTS, NAMES, { background, repeats: 6, topK: 2 });
    expect(calls).toEqual([1 + INPUTS * 6]);
    expect(drivers.map((d) => d.input)).toEqual(['ret', 'rsi_14']);
    expect(drivers[0]!.importance).toBeGreaterThan(drivers[1]!.importance);
  });

  it('draws a contiguous stretch of the background, deterministically for a seed', () => {
    // Background column 0 counts 0, 1, 2, …: a contiguous draw gives a window sum of 4s + 6 for a start s.
    const rows = 50;
    const background = new Float32Array(rows * INPUTS);
    for (let r = 0; r < rows; r++) background[r * INPUTS] = r;
    const seen: Float32Array[] = [];
    const predict: PredictBatch = (windows, count) => {
      seen.push(windows.slice());
      return new Float32Array(count);
    };
    permutationImportance(predict, x, WINDOW, INPUTS, NAMES, { background, repeats: 3, seed: 42 });
    const first = seen[0]!;
    for (let r = 0; r < 3; r++) {
      const offset = (1 + r) * WINDOW * INPUTS;
      const column = Array.from({ length: WINDOW }, (_, t) => first[offset + t * INPUTS]!);
      expect(column.map((v, t) => v - column[0]! - t)).toEqual([0, 0, 0, 0]);
      // The other inputs of the window are untouched.
      expect(first[offset + 1]).toBe(0.5);
    }
    const { predict: again } = linearModel();
    const a = permutationImportance(again, x, WINDOW, INPUTS, NAMES, { background, seed: 42 });
    const b = permutationImportance(again, x, WINDOW, INPUTS, NAMES, { background, seed: 42 });
    expect(a).toEqual(b);
  });

  it('refuses a window, names or predictions of the wrong size', () => {
    const { predict } = linearModel();
    expect(() => permutationImportance(predict, x.subarray(1), WINDOW, INPUTS, NAMES)).toThrow(RangeError);
    expect(() => permutationImportance(predict, x, WINDOW, INPUTS, NAMES.slice(1))).toThrow(RangeError);
    expect(() => permutationImportance(() => new Float32Array(1), x, WINDOW, INPUTS, NAMES)).toThrow(RangeError);
  });
});
