import { describe, expect, it } from 'vitest';
import { sessionDate } from '../../../core/bars.ts';
import type { Finding } from '../../../core/quality.ts';
import { VOLUME_CONFIRMATION_RATIO } from '../../../pipeline/quality/qualityThresholds.ts';
import { runQualityGate } from '../../../pipeline/quality/runQualityGate.ts';
import { readDaily, dailyTickers } from '../../support/sharedData.ts';
import { openOfSessionAfter } from './syntheticBars.ts';

function gateOnShared(ticker: string): { findings: Finding[]; barCount: number } {
  const bars = readDaily(ticker);
  return { findings: runQualityGate(ticker, '1d', bars, { now: openOfSessionAfter(bars) }), barCount: bars.length };
}

const dated = (findings: readonly Finding[]) => findings.map((finding) => `${finding.kind}@${sessionDate(finding.ts!)}`);

/** The README's "close moves > 25 % (real events)" that stand out from their own recent volatility. */
const REAL_BIG_MOVES: Record<string, string[]> = {
  AMD: ['2016-04-22'], AMZN: ['2007-04-25', '2009-10-23'], NVDA: ['2008-07-03', '2016-11-11'],
};

describe('quality gate on the real daily files', () => {
  const clean = dailyTickers().filter((ticker) => ticker !== 'AMD');

  it.each(clean)('%s (clean) raises nothing but volume-confirmed outlier returns', (ticker) => {
    const { findings, barCount } = gateOnShared(ticker);
    expect(findings.filter((finding) => finding.severity !== 'info')).toEqual([]);
    for (const finding of findings) {
      expect(finding.kind).toBe('outlier_return');
      expect(finding.data?.confirmed).toBe(true);
      expect(finding.data?.volumeRatio).toBeGreaterThanOrEqual(VOLUME_CONFIRMATION_RATIO);
    }
    // Rare: well under one bar in a hundred.
    expect(findings.length).toBeLessThan(barCount / 200);
  });

  it('AMD has exactly one warning: the placeholder bar of 2015-01-02', () => {
    const { findings } = gateOnShared('AMD');
    const serious = findings.filter((finding) => finding.severity !== 'info');
    expect(dated(serious)).toEqual(['placeholder_bar@2015-01-02']);
    expect(serious[0]!.detail).toContain('O=H=L=C=2.67');
    expect(findings.filter((finding) => finding.kind !== 'outlier_return' && finding !== serious[0])).toEqual([]);
  });

  it.each(Object.entries(REAL_BIG_MOVES))('%s: the real >25%% moves are found, as volume-confirmed info', (ticker, dates) => {
    const outliers = gateOnShared(ticker).findings.filter((finding) => finding.kind === 'outlier_return');
    for (const date of dates) {
      const finding = outliers.find((candidate) => sessionDate(candidate.ts!) === date);
      expect(finding, `${ticker} ${date}`).toBeDefined();
      expect(finding!.severity).toBe('info');
    }
  });

  it('JPM 2009-01-21 (+25%) is no outlier: it sat inside the crisis-era volatility', () => {
    const outliers = gateOnShared('JPM').findings.filter((finding) => finding.kind === 'outlier_return');
    expect(dated(outliers)).not.toContain('outlier_return@2009-01-21');
  });
});
