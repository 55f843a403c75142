import { wilsonInterval } from '../evaluation/wilsonInterval.ts';

/** A stored forecast's price bands for one target session, and the close that session actually had. */
export interface CalibrationRecord {
  p025: number;
  p10: number;
  p90: number;
  p975: number;
  /** The realised close of the target session; null while it is still in the future. */
  actual: number | null;
}

export interface LiveCalibration {
  /** Realised records the figures rest on. */
  n: number;
  /** Records still waiting for their close. */
  pending: number;
  coverage80: number | null;
  coverage80Low: number | null;
  coverage80High: number | null;
  coverage95: number | null;
  coverage95Low: number | null;
  coverage95High: number | null;
  /**
   * Whether the nominal 80% lies inside the Wilson 95% interval of the observed coverage: false is evidence the
   * bands are too narrow or too wide; null until something is realised.
   */
  consistent80: boolean | null;
}

/**
 * How often realised closes fell inside the live 80% and 95% bands. Walk-forward coverage says how the model did in
 * the backtest; this says whether it still holds on forecasts actually served. Each target session counts once,
 * so records of different horizons from one forecast are not independent: read the interval as a rough guide.
 */
export function liveCalibration(records: readonly CalibrationRecord[]): LiveCalibration {
  let n = 0;
  let inside80 = 0;
  let inside95 = 0;
  for (const record of records) {
    if (record.actual == null || !Number.isFinite(record.actual)) continue;
    n++;
    if (record.p10 <= record.actual && record.actual <= record.p90) inside80++;
    if (record.p025 <= record.actual && record.actual <= record.p975) inside95++;
  }
  const interval80 = wilsonInterval(inside80, n);
  const interval95 = wilsonInterval(inside95, n);
  return {
    n,
    pending: records.length - n,
    coverage80: n > 0 ? inside80 / n : null,
    coverage80Low: interval80.low,
    coverage80High: interval80.high,
    coverage95: n > 0 ? inside95 / n : null,
    coverage95Low: interval95.low,
    coverage95High: interval95.high,
    consistent80: interval80.low == null || interval80.high == null ? null : interval80.low <= 0.8 && 0.8 <= interval80.high,
  };
}
