import { assertPeriod, emptySeries, type ReadonlySeries, type Series } from './series.ts';

/**
 * A recursive average seeded with the simple mean of its first `period` values (TA-Lib's convention), then
 * `next(previous, x)` for each later value. Leading nulls are skipped; a null later on restarts the seeding, since
 * a recursive average cannot bridge a gap honestly.
 */
export function seededAverage(
  values: ReadonlySeries,
  period: number,
  next: (previous: number, x: number) => number,
): Series {
  assertPeriod(period);
  const out = emptySeries(values.length);
  let numbersInRow = 0;
  let seedSum = 0;
  let average = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i];
    if (x == null) {
      numbersInRow = 0;
      seedSum = 0;
      continue;
    }
    numbersInRow++;
    if (numbersInRow < period) {
      seedSum += x;
      continue;
    }
    average = numbersInRow === period ? (seedSum + x) / period : next(average, x);
    out[i] = average;
  }
  return out;
}
