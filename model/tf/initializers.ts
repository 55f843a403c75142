/**
 * Initial weights as Keras draws them, from our own seeded stream rather than tfjs's initializers, so the same seed
 * gives the same model on every backend and tfjs version.
 */
import { normal } from '../seededRandom.ts';

/** Glorot (Xavier) uniform for a [fanIn, fanOut] matrix, as Keras initialises Dense and LSTM kernels. */
export function glorotUniform(fanIn: number, fanOut: number, random: () => number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  return Float32Array.from({ length: fanIn * fanOut }, () => (2 * random() - 1) * limit);
}

/**
 * A [rows, cols] matrix with orthonormal rows (rows ≤ cols), as Keras initialises LSTM recurrent kernels: keeps the
 * recurrence from exploding or dying at the start. Gram-Schmidt over Gaussian rows.
 */
export function orthogonalRows(rows: number, cols: number, random: () => number): Float32Array {
  const basis: Float64Array[] = [];
  while (basis.length < rows) {
    const v = Float64Array.from({ length: cols }, () => normal(random));
    for (const u of basis) {
      let dot = 0;
      for (let k = 0; k < cols; k++) dot += (v[k] as number) * (u[k] as number);
      for (let k = 0; k < cols; k++) v[k] = (v[k] as number) - dot * (u[k] as number);
    }
    const norm = Math.sqrt(v.reduce((sum, value) => sum + value * value, 0));
    if (norm < 1e-6) continue; // a degenerate draw; draw again
    basis.push(v.map((value) => value / norm));
  }
  const out = new Float32Array(rows * cols);
  basis.forEach((row, r) => out.set(row, r * cols));
  return out;
}
