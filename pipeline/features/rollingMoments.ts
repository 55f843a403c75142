import { assertPeriod, emptySeries, type ReadonlySeries, type Series } from './series.ts';

export interface RollingMoments {
  mean: Series;
  /** Divisor `period - ddof`: ddof 0 is the population variance, ddof 1 the sample variance. */
  variance: Series;
}

/**
 * Mean and variance of the last `period` values at each index; null unless all `period` of them are numbers.
 *
 * O(n): sums of deviations from an anchor slide with the window. They are rebuilt from scratch every `period` steps
 * with the anchor moved to the newest value, so rounding never accumulates over more than one window (5,000 rows
 * stay within ~1e-13 of a from-scratch two-pass result) and the anchor stays close to the data, which avoids the
 * cancellation of sum(x²) - n·mean² on large prices.
 * A window whose values are all equal gets exactly mean = that value and variance = 0, so callers may test `=== 0`.
 */
export function rollingMoments(values: ReadonlySeries, period: number, ddof: 0 | 1): RollingMoments {
  assertPeriod(period, ddof + 1);
  const mean = emptySeries(values.length);
  const variance = emptySeries(values.length);
  let numbersInRow = 0;
  let equalInRow = 0; // how many of the latest values equal their predecessor
  let anchor = 0;
  let sum = 0;
  let sumSquares = 0;
  let stepsSinceRebuild = Infinity;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x == null) {
      numbersInRow = 0;
      stepsSinceRebuild = Infinity;
      continue;
    }
    equalInRow = numbersInRow > 0 && values[i - 1] === x ? equalInRow + 1 : 0;
    numbersInRow++;
    if (numbersInRow < period) continue;
    if (stepsSinceRebuild >= period) {
      anchor = x;
      [sum, sumSquares] = deviationSums(values, i - period + 1, i, anchor);
      stepsSinceRebuild = 1;
    } else {
      const entering = x - anchor;
      const leaving = (values[i - period] as number) - anchor;
      sum += entering - leaving;
      sumSquares += entering * entering - leaving * leaving;
      stepsSinceRebuild++;
    }
    if (equalInRow >= period - 1) {
      mean[i] = x;
      variance[i] = 0;
      continue;
    }
    const meanDeviation = sum / period;
    mean[i] = anchor + meanDeviation;
    // Rounding can leave a tiny negative number where the true value is ~0; a variance is never negative.
    variance[i] = Math.max(0, sumSquares - sum * meanDeviation) / (period - ddof);
  }
  return { mean, variance };
}

/** Sum and sum of squares of `values[from..to] - anchor` (inclusive), all known to be numbers. */
function deviationSums(values: ReadonlySeries, from: number, to: number, anchor: number): [number, number] {
  let sum = 0;
  let sumSquares = 0;
  for (let j = from; j <= to; j++) {
    const deviation = (values[j] as number) - anchor;
    sum += deviation;
    sumSquares += deviation * deviation;
  }
  return [sum, sumSquares];
}
