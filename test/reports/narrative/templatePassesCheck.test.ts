import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportFacts, TickerFacts } from '../../../core/reports.ts';
import { checkNarrative } from '../../../reports/narrative/checkNumbers.ts';
import { templateNarrative } from '../../../reports/narrative/templateNarrative.ts';

/**
 * The template against facts nobody wrote by hand: whatever the prices, changes, horizons and free-text reasons,
 * every number it writes must pass the same check the LLM's text goes through.
 */

const isoDate = fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const price = fc.oneof(fc.double({ min: 0.0001, max: 0.9999, noNaN: true }), fc.double({ min: 1, max: 250_000, noNaN: true }));
const changePct = fc.double({ min: -95, max: 400, noNaN: true });
const freeText = fc.string({ maxLength: 60 });
const version = fc.stringMatching(/^[a-z]{2,5}-(?:v\d{1,2}|\d{4}-\d{2}-\d{2})$/);

const forecast = fc.record({
  horizon: fc.integer({ min: 1, max: 30 }),
  date: isoDate,
  median: price,
  low80: price,
  high80: price,
  medianChangePct: changePct,
});

const tickerFacts: fc.Arbitrary<TickerFacts> = fc.record({
  ticker: fc.stringMatching(/^[A-Z0-9]{1,5}(?:\.[A-Z]{1,2})?$/),
  status: fc.constantFrom('ok', 'no_data', 'unpublishable', 'no_forecast'),
  reason: fc.option(freeText),
  asOf: fc.option(isoDate),
  lastClose: fc.option(price),
  change1dPct: fc.option(changePct),
  change5dPct: fc.option(changePct),
  forecast: fc.option(forecast),
  model: fc.option(version),
  edge: fc.option(fc.boolean()),
  mase: fc.option(fc.double({ min: 0, max: 5, noNaN: true })),
  coverage80Pct: fc.option(fc.double({ min: 0, max: 100, noNaN: true })),
  drift: fc.option(fc.constantFrom('stable', 'watch', 'drift')),
  alertsFired: fc.integer({ min: 0, max: 40 }),
});

const reportFacts: fc.Arbitrary<ReportFacts> = fc.record({
  reportDate: isoDate,
  tickers: fc.uniqueArray(tickerFacts, { maxLength: 8, selector: (t) => t.ticker }),
  alertsFired: fc.integer({ min: 0, max: 200 }),
  registryChanges: fc.array(fc.record({
    alias: fc.constantFrom('champion', 'challenger'),
    fromVersion: fc.option(version),
    toVersion: version,
    reason: freeText,
    at: fc.date({ min: new Date('2000-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString()),
    by: fc.option(fc.stringMatching(/^U[A-Z0-9]{8}$/)),
  }), { maxLength: 3 }),
  champion: fc.option(version),
});

describe('templateNarrative on generated facts', () => {
  it('writes only numbers the facts back, in two to four paragraphs', () => {
    fc.assert(fc.property(reportFacts, (facts) => {
      const { paragraphs } = templateNarrative(facts, null);
      expect(checkNarrative(paragraphs.join('\n\n'), facts).dropped).toEqual([]);
      expect(paragraphs.length).toBeGreaterThanOrEqual(2);
      expect(paragraphs.length).toBeLessThanOrEqual(4);
    }), { numRuns: 300 });
  });
});
