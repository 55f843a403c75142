import path from 'node:path';
// Every feature against the independent Python reference (test/reference/indicators.py), on every shared file.
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFeatures, type FeatureRow } from '../../../pipeline/features/computeFeatures.ts';
import { FEATURE_NAMES, INTRADAY_FEATURE_NAMES } from '../../../pipeline/features/featureNames.ts';
import { referenceRows, type ReferenceRow } from '../../reference/referenceRows.ts';
import { dailyFiles, INTRADAY_DIR, readBarsFile } from '../../support/sharedData.ts';

const RELATIVE_TOLERANCE = 1e-6;
const ABSOLUTE_TOLERANCE = 1e-9; // near zero (a MACD crossing, a flat return) relative error means nothing

function agrees(ours: number | null, theirs: unknown): boolean {
  if (ours === null || theirs === null) return ours === theirs;
  if (typeof theirs !== 'number') return false;
  const difference = Math.abs(ours - theirs);
  return difference <= ABSOLUTE_TOLERANCE || difference <= RELATIVE_TOLERANCE * Math.max(Math.abs(ours), Math.abs(theirs));
}

interface Comparison {
  mismatches: string[];
  /** Non-null values compared, per feature: proves each feature was actually exercised. */
  compared: Record<string, number>;
}

function compare(ours: FeatureRow[], theirs: ReferenceRow[], names: readonly string[]): Comparison {
  const result: Comparison = { mismatches: [], compared: Object.fromEntries(names.map((name) => [name, 0])) };
  expect(ours.length).toBe(theirs.length);
  ours.forEach((row, i) => {
    const reference = theirs[i]!;
    if (row.date !== reference.date) result.mismatches.push(`row ${i}: date ${row.date} vs ${reference.date}`);
    for (const name of names) {
      const value = row[name as keyof FeatureRow] as number | null;
      if (!agrees(value, reference[name])) result.mismatches.push(`row ${i} ${row.date} ${name}: ${value} vs ${reference[name]}`);
      else if (value !== null) result.compared[name]!++;
    }
  });
  return result;
}

describe('features match the Python reference to 1e-6 relative, with the same nulls', () => {
  it.each(dailyFiles().map((file) => [basename(file), file]))('daily %s', async (_name, file) => {
    const { mismatches, compared } = compare(computeFeatures(readBarsFile(file)), await referenceRows(file), INTRADAY_FEATURE_NAMES);
    expect(mismatches.slice(0, 10)).toEqual([]);
    for (const name of FEATURE_NAMES) expect(compared[name], name).toBeGreaterThan(3000);
    expect(compared.vwap).toBe(0);
  });

  it('intraday AMZN_1min, session VWAP included', async () => {
    const file = path.join(INTRADAY_DIR, 'AMZN_1min.csv');
    const ours = computeFeatures(readBarsFile(file), { interval: '1m' });
    const { mismatches, compared } = compare(ours, await referenceRows(file), INTRADAY_FEATURE_NAMES);
    expect(mismatches.slice(0, 10)).toEqual([]);
    expect(compared.vwap).toBe(ours.length);
    expect(new Set(ours.map((row) => row.date)).size).toBe(6); // 2020-12-31 after-hours + Jan 4..8
  });
});
