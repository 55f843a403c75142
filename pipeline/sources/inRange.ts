/**
 * The rows with `from <= ts < to`; either bound may be absent. Rows without a time (whole-series findings) are
 * kept. Sources filter after normalising `ts`, not before.
 */
export function inRange<Row extends { ts: Date | null }>(rows: readonly Row[], from?: Date, to?: Date): Row[] {
  const start = from?.getTime() ?? Number.NEGATIVE_INFINITY;
  const end = to?.getTime() ?? Number.POSITIVE_INFINITY;
  return rows.filter((row) => row.ts === null || (row.ts.getTime() >= start && row.ts.getTime() < end));
}
