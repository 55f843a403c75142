import path from 'node:path';
// No feature may see the future: values at or before t are bit-for-bit the same whatever follows t.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bar, Interval } from '../../../core/bars.ts';
import { computeFeatures, type FeatureRow } from '../../../pipeline/features/computeFeatures.ts';
import { INTRADAY_FEATURE_NAMES } from '../../../pipeline/features/featureNames.ts';
import { DAILY_DIR, INTRADAY_DIR, readBarsFile } from '../../support/sharedData.ts';

const FIELDS = ['date', 'ts', ...INTRADAY_FEATURE_NAMES] as const;

/** Indices around every warm-up boundary, a re-anchoring period of each window, and deep into the history. */
function cutPoints(length: number): number[] {
  const around = [0, 1, 5, 6, 9, 10, 11, 13, 14, 18, 19, 20, 25, 29, 30, 33, 49, 199, 200, 399, 401, 1234, 2999];
  return [...around.filter((t) => t < length - 1), length - 2];
}

/** The first (field, index) at or before t whose value differs (Object.is: NaN, -0 and null are told apart). */
function firstDifference(full: FeatureRow[], cut: FeatureRow[], t: number): string | null {
  for (let i = 0; i <= t; i++) {
    for (const field of FIELDS) {
      if (!Object.is(full[i]![field], cut[i]![field])) return `${field} at ${i}: ${full[i]![field]} vs ${cut[i]![field]}`;
    }
  }
  return null;
}

const cases: [string, Bar[], Interval][] = [
  ['daily AAPL', readBarsFile(path.join(DAILY_DIR, 'AAPL.csv')), '1d'],
  ['daily AMD (placeholder bar, zero volume)', readBarsFile(path.join(DAILY_DIR, 'AMD.csv')), '1d'],
  ['intraday AMZN 1min', readBarsFile(path.join(INTRADAY_DIR, 'AMZN_1min.csv')), '1m'],
];

describe.each(cases)('no lookahead: %s', (_name, bars, interval) => {
  const full = computeFeatures(bars, { interval });

  it('history cut at t gives identical values at or before t, for every feature', () => {
    for (const t of cutPoints(bars.length)) {
      const cut = computeFeatures(bars.slice(0, t + 1), { interval });
      expect(cut).toHaveLength(t + 1);
      expect(firstDifference(full, cut, t), `cut at ${t}`).toBeNull();
    }
  });

  it('perturbing every bar after t changes nothing at or before t', () => {
    const perturbation = fc.record({
      t: fc.integer({ min: 0, max: bars.length - 2 }),
      factors: fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: 1, maxLength: 50 }),
      volumeFactor: fc.double({ min: 0, max: 10, noNaN: true }),
    });
    fc.assert(
      fc.property(perturbation, ({ t, factors, volumeFactor }) => {
        const changed = bars.map((bar, i) => (i <= t ? bar : scaled(bar, factors[i % factors.length]!, volumeFactor)));
        const rows = computeFeatures(changed, { interval });
        expect(firstDifference(full, rows, t)).toBeNull();
      }),
      { numRuns: 25 },
    );
  });
});

/** A bar whose prices move by `factor` (kept consistent: low <= close <= high) and whose volume moves too. */
function scaled(bar: Bar, factor: number, volumeFactor: number): Bar {
  const f = factor === 1 ? 1.5 : factor; // something must change for the test to mean anything
  return {
    ts: bar.ts,
    open: bar.open * f,
    high: bar.high * f,
    low: bar.low * f,
    close: bar.close * f,
    adjClose: bar.adjClose == null ? null : bar.adjClose * f,
    volume: Math.round(bar.volume * volumeFactor),
  };
}
