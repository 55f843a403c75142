/**
 * Seeded randomness for weight initialisation and batch shuffling. Our own PRNG rather than tfjs's initializers, so
 * the same seed gives the same model on every backend and tfjs version, and shuffling draws from the same stream.
 */

/** mulberry32: tiny, fast, and good enough for shuffles and initial weights. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal by Box-Muller. */
export function normal(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Fisher-Yates in place. */
export function shuffleInPlace(values: Int32Array, random: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const held = values[i] as number;
    values[i] = values[j] as number;
    values[j] = held;
  }
}

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
