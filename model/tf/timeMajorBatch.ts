/**
 * Copies windows out of a SampleSet's window-major `x` ([count, T, F]) into the time-major layout the LSTM wants
 * ([T, B, F], row t·B + b), so the input projection of a whole batch is one matMul and step t is a contiguous slice.
 */
export function timeMajorWindows(
  x: Float32Array,
  windowLength: number,
  inputCount: number,
  rows: ArrayLike<number>,
): Float32Array {
  const batch = rows.length;
  const windowSize = windowLength * inputCount;
  const out = new Float32Array(windowSize * batch);
  for (let b = 0; b < batch; b++) {
    const from = (rows[b] as number) * windowSize;
    for (let t = 0; t < windowLength; t++) {
      const src = from + t * inputCount;
      const dst = (t * batch + b) * inputCount;
      for (let f = 0; f < inputCount; f++) out[dst + f] = x[src + f] as number;
    }
  }
  return out;
}

/** The target rows `rows` of `y` ([count, targets]), packed. */
export function pickRows(y: Float32Array, width: number, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * width);
  for (let b = 0; b < rows.length; b++) out.set(y.subarray((rows[b] as number) * width, ((rows[b] as number) + 1) * width), b * width);
  return out;
}

/** [start, start + size) as a row list. */
export function rowRange(start: number, size: number): Int32Array {
  return Int32Array.from({ length: size }, (_, k) => start + k);
}
