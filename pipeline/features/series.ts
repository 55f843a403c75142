/**
 * A numeric column aligned index for index with the bars it was computed from. `null` marks "not defined here":
 * the window is not yet full, or the value would divide by zero. Features never contain NaN or ±Infinity.
 */
export type Series = (number | null)[];
export type ReadonlySeries = readonly (number | null)[];

/** A series of `length` nulls, to be filled where values become defined. */
export function emptySeries(length: number): Series {
  return new Array<number | null>(length).fill(null);
}

/** Throws unless `period` is a whole number of at least `min` bars; a bad window is a programming error. */
export function assertPeriod(period: number, min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new RangeError(`period must be an integer >= ${min}, got ${period}`);
  }
}

/** Element-wise `a - b`, null where either side is null. */
export function subtractSeries(a: ReadonlySeries, b: ReadonlySeries): Series {
  return a.map((x, i) => {
    const y = b[i];
    return x == null || y == null ? null : x - y;
  });
}
