import { describe, expect, it } from 'vitest';
import { textTable } from '../../render/textTable.ts';
import { evaluationLine, formatPrice, minute, percent, priceRange, ruleLine, signedPercent, skillLine, skillRatio } from '../../render/wording.ts';
import { evaluationRow, naiveForecast, sampleForecast, sampleRule } from '../support/samples.ts';

describe('numbers', () => {
  it('quotes prices in cents with thousands separators, sub-dollar prices to four places, and the rest as n/a', () => {
    expect(formatPrice(199.5)).toBe('199.50');
    expect(formatPrice(12345.678)).toBe('12,345.68');
    expect(formatPrice(0.12345)).toBe('0.1235');
    expect(formatPrice(-2.5)).toBe('-2.50');
    expect(formatPrice(Number.NaN)).toBe('n/a');
    expect(priceRange(198, 202)).toBe('198.00 – 202.00');
  });

  it('signs changes with + and an ASCII -, and leaves a change that rounds to zero unsigned', () => {
    expect(signedPercent(0.0123)).toBe('+1.2%');
    expect(signedPercent(-0.031)).toBe('-3.1%');
    expect(signedPercent(0)).toBe('0.0%');
    expect(signedPercent(-0.00001)).toBe('0.0%');
    expect(signedPercent(null)).toBe('n/a');
  });

  it('gives shares one decimal unless told, and MASE three places so 0.996 does not read as 1', () => {
    expect(percent(0.797)).toBe('79.7%');
    expect(percent(0.797, 0)).toBe('80%');
    expect(percent(null)).toBe('n/a');
    expect(skillRatio(0.9961)).toBe('0.996');
    expect(skillRatio(null)).toBe('n/a');
  });

  it('writes minutes in UTC', () => {
    expect(minute(new Date('2026-06-12T21:05:09Z'))).toBe('2026-06-12 21:05 UTC');
  });
});

describe('lines', () => {
  it('states the edge with its figures, shorter for a chart', () => {
    const forecast = sampleForecast();
    expect(skillLine(forecast)).toBe(
      'Edge over tomorrow = today: MASE 0.970 (below 1 beats it) · direction 52.3% [49.0%, 55.6%] · 80% interval held 79.7%, 95% held 94.1% · n=250, 2025-06-13..2026-06-12 walk-forward, 1-day',
    );
    expect(skillLine(forecast, { short: true })).toBe('Edge over tomorrow = today: MASE 0.970 · direction 52% [49%, 56%] · 80% interval held 80%, 95% held 94% · n=250, 2025-06-13..2026-06-12 walk-forward, 1-day');
  });

  it('says which interval is shown when there is no edge, and in a chart gives only the reason', () => {
    const forecast = naiveForecast();
    expect(skillLine(forecast)).toBe('No edge over tomorrow = today lately: showing the random-walk interval. no model has passed the gate yet');
    expect(skillLine(forecast, { short: true })).toBe('no model has passed the gate yet');
  });

  it('puts a walk-forward row in one line, and says so when there is none', () => {
    expect(evaluationLine(evaluationRow('lstm', 0.97))).toBe('MASE 0.970 · U2 0.970 · direction 52.0% [48.0%, 56.0%] · 80% interval held 80.0%, 95% held 95.0% · n=500');
    expect(evaluationLine(null)).toBe('no walk-forward figures');
  });

  it('reads a rule the way the rule grammar describes it, with whether it can fire', () => {
    expect(ruleLine(sampleRule)).toBe('#7 TSLA closes at or below 200 (armed)');
    expect(ruleLine({ ...sampleRule, armed: false }, (id) => `*${id}*`)).toBe('*#7* TSLA closes at or below 200 (fired, re-arms when the condition clears)');
    expect(ruleLine({ ...sampleRule, active: false })).toMatch(/\(removed\)$/);
  });
});

describe('textTable', () => {
  it('pads columns to the widest cell, the first left and the rest right, two spaces apart', () => {
    expect(textTable(['date', 'median'], [['2026-06-15', '1,200.30'], ['2026-06-16', '9.10']])).toEqual([
      'date          median',
      '2026-06-15  1,200.30',
      '2026-06-16      9.10',
    ]);
  });
});
