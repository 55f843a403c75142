import { describe, expect, it } from 'vitest';
import { liveCalibration, type CalibrationRecord } from '../../../model/monitoring/index.ts';

const bands = { p025: 90, p10: 95, p90: 105, p975: 110 };
const record = (actual: number | null): CalibrationRecord => ({ ...bands, actual });

describe('liveCalibration', () => {
  it('counts only realised closes, bounds included', () => {
    // Inside 80: 95, 100, 105. Inside 95 only: 92, 110. Outside both: 120.
    const result = liveCalibration([95, 100, 105, 92, 110, 120, null, null].map(record));
    expect(result.n).toBe(6);
    expect(result.pending).toBe(2);
    expect(result.coverage80).toBeCloseTo(3 / 6, 14);
    expect(result.coverage95).toBeCloseTo(5 / 6, 14);
  });

  it('puts a Wilson interval on the coverage and says whether 80% is plausible', () => {
    const eightOfTen = liveCalibration([...new Array<number>(8).fill(100), 200, 50].map(record));
    expect(eightOfTen.coverage80Low).toBeCloseTo(0.4902, 4);
    expect(eightOfTen.coverage80High).toBeCloseTo(0.9433, 4);
    expect(eightOfTen.consistent80).toBe(true);
    const tooNarrow = liveCalibration([...new Array<number>(30).fill(100), ...new Array<number>(30).fill(107)].map(record));
    expect(tooNarrow.coverage80).toBe(0.5);
    expect(tooNarrow.consistent80).toBe(false);
  });

  it('is empty-handed before anything is realised', () => {
    expect(liveCalibration([record(null)])).toEqual({
      n: 0, pending: 1, coverage80: null, coverage80Low: null, coverage80High: null,
      coverage95: null, coverage95Low: null, coverage95High: null, consistent80: null,
    });
  });
});
