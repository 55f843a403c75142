import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/bars.ts';
import { computeFeatureColumns, computeFeatures } from '../../../pipeline/features/computeFeatures.ts';
import {
  FEATURE_NAMES,
  FEATURE_WARMUP,
  INTRADAY_FEATURE_NAMES,
  MAX_FEATURE_WARMUP,
} from '../../../pipeline/features/featureNames.ts';
import { DAILY_DIR, INTRADAY_DIR, readBarsFile } from '../../support/sharedData.ts';

/** The row fields `tickcast features --json` promises in DESIGN.md. */
const DESIGN_FIELDS = [
  'date', 'close', 'ret', 'logret', 'sma_7', 'sma_30', 'sma_50', 'sma_200', 'vol_10', 'vol_30', 'rsi_14', 'macd',
  'macd_signal', 'macd_hist', 'bb_pctb', 'bb_width', 'atr_14',
];

describe('computeFeatures', () => {
  const daily = readBarsFile(path.join(DAILY_DIR, 'MSFT.csv'));
  const rows = computeFeatures(daily);

  it('has every DESIGN.md field plus the model features, one row per bar, dated by session', () => {
    expect(rows).toHaveLength(daily.length);
    for (const field of [...DESIGN_FIELDS, ...INTRADAY_FEATURE_NAMES, 'ts']) expect(rows[0]).toHaveProperty(field);
    expect(rows[0]!.date).toBe('2006-06-13');
    expect(rows[0]!.ts).toBe('2006-06-13T00:00:00.000Z');
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
  });

  it('first fills each feature exactly at its documented warm-up index, and the model window at MAX_FEATURE_WARMUP', () => {
    for (const name of FEATURE_NAMES) {
      expect(rows.findIndex((row) => row[name] !== null), name).toBe(FEATURE_WARMUP[name]);
    }
    expect(rows.every((row) => row.vwap === null)).toBe(true);
    expect(MAX_FEATURE_WARMUP).toBe(199);
    expect(rows.slice(MAX_FEATURE_WARMUP).every((row) => FEATURE_NAMES.every((name) => row[name] !== null))).toBe(true);
  });

  it('dates intraday rows by their New York session and fills VWAP from the first bar', () => {
    const intraday = computeFeatures(readBarsFile(path.join(INTRADAY_DIR, 'AMZN_1min.csv')), { interval: '1m' });
    expect(intraday[0]).toMatchObject({ date: '2020-12-31', ts: '2021-01-01T00:01:00.000Z', vwap: 162.8 });
    expect(intraday.findIndex((row) => row.vwap === null)).toBe(-1);
  });

  it('returns the same numbers as columns', () => {
    const columns = computeFeatureColumns(daily);
    for (const name of INTRADAY_FEATURE_NAMES) expect(columns[name], name).toEqual(rows.map((row) => row[name]));
  });

  it('never emits NaN or Infinity, even on flat, zero-priced and zero-volume bars', () => {
    const price = fc.oneof(fc.constant(10), fc.constant(0), fc.double({ min: 1e-4, max: 1e6, noNaN: true }));
    const bar = fc.record({ close: price, spread: fc.double({ min: 0, max: 5, noNaN: true }), volume: fc.oneof(fc.constant(0), fc.nat()) });
    fc.assert(
      fc.property(fc.array(bar, { maxLength: 260 }), fc.boolean(), (specs, adjusted) => {
        const bars: Bar[] = specs.map((spec, i) => ({
          ts: new Date(Date.UTC(2024, 0, 1) + i * 60_000),
          open: spec.close,
          high: spec.close + spec.spread,
          low: Math.max(0, spec.close - spec.spread),
          close: spec.close,
          adjClose: adjusted ? spec.close * 0.9 : null,
          volume: spec.volume,
        }));
        for (const row of computeFeatures(bars, { interval: adjusted ? '1d' : '1m' })) {
          for (const name of INTRADAY_FEATURE_NAMES) {
            const value = row[name];
            if (value !== null) expect(Number.isFinite(value), `${name} = ${value}`).toBe(true);
          }
        }
      }),
      { numRuns: 80 },
    );
  });
});
