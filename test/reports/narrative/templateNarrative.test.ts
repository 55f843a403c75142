import { describe, expect, it } from 'vitest';
import { checkNarrative } from '../../../reports/narrative/checkNumbers.ts';
import { templateNarrative } from '../../../reports/narrative/templateNarrative.ts';
import { AAPL, allFactSets, allNoDataFacts, downDayFacts, emptyWatchlistFacts, pennyFacts, watchlistFacts } from './factFixtures.ts';

describe('templateNarrative', () => {
  it.each(Object.entries(allFactSets))('writes only numbers the facts back: %s', (_name, facts) => {
    const narrative = templateNarrative(facts, null);
    const check = checkNarrative(narrative.paragraphs.join('\n\n'), facts);
    expect(check.dropped).toEqual([]);
    expect(check.keptByParagraph.map((sentences) => sentences.join(' '))).toEqual(narrative.paragraphs);
  });

  it.each(Object.entries(allFactSets))('writes two to four paragraphs: %s', (_name, facts) => {
    const { paragraphs } = templateNarrative(facts, null);
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
    expect(paragraphs.length).toBeLessThanOrEqual(4);
  });

  it('is a template narrative carrying the fallback reason', () => {
    const narrative = templateNarrative(watchlistFacts, 'LLM call failed: timed out after 20 s');
    expect(narrative).toMatchObject({ source: 'template', model: null, droppedSentences: 0, fallbackReason: 'LLM call failed: timed out after 20 s' });
    expect(templateNarrative(watchlistFacts, null)).toEqual({ ...narrative, fallbackReason: null });
  });

  it('does not count a ticker whose last close is behind the watchlist as a mover, and names it as behind', () => {
    const behind = { ...AAPL, ticker: 'SPY', asOf: '2023-01-06', change1dPct: 22.29, lastClose: 388.08 };
    const facts = { ...watchlistFacts, tickers: [...watchlistFacts.tickers, behind] };
    const [movers] = templateNarrative(facts, null).paragraphs;
    expect(movers).toBe('Biggest 1-day moves on the watchlist: GME +12.87% (close 23.14), SNDL +5.61% (close 0.4321) and TSLA -3.42% (close 176.54). Behind the rest of the watchlist: SPY (last close 2023-01-06).');
    expect(checkNarrative(movers!, facts).dropped).toEqual([]);
  });

  it('names the biggest movers, the forecasts and whom to trust', () => {
    const [movers, forecasts, trust, events] = templateNarrative(watchlistFacts, null).paragraphs;
    expect(movers).toBe('Biggest 1-day moves on the watchlist: GME +12.87% (close 23.14), SNDL +5.61% (close 0.4321) and TSLA -3.42% (close 176.54).');
    expect(forecasts).toContain('AAPL: median 192.40 by 2026-06-12 (+1.27% over 5 sessions), 80% interval 186.10 – 198.70.');
    expect(forecasts).toContain('Also forecast: NVDA and MSFT.');
    expect(trust).toContain('edge over tomorrow = today for AAPL (MASE 0.912, 80% interval held 81.2%)');
    expect(trust).toContain("No edge over tomorrow = today for MSFT: the interval shown is the random walk's.");
    expect(trust).toContain('Inputs have drifted from the training data for TSLA');
    expect(events).toContain('ZZZZ (no data: no bars stored; load them with tickcast ingest)');
    expect(events).toContain('GME (unpublishable: the 80% interval is wider than 45% of the last close)');
    expect(events).toContain('3 alerts fired since the previous report: AAPL (2) and TSLA (1).');
    expect(events).toContain('champion moved from lgbm-2026-05-01 to lgbm-2026-06-01 on 2026-06-01');
  });

  it('says plainly when there is nothing to report', () => {
    expect(templateNarrative(emptyWatchlistFacts, null).paragraphs).toEqual([
      'The watchlist is empty on 2026-06-08, so there is nothing to summarise.',
      'No alerts fired since the previous report.',
    ]);
    expect(templateNarrative(allNoDataFacts, null).paragraphs).toEqual([
      'No ticker on the watchlist has a 1-day change for 2026-06-08.',
      'No forecast is published for ZZZZ (no data: no bars stored; load them with tickcast ingest) and QQQQ (no data). No alerts fired since the previous report.',
    ]);
  });

  it('writes falls with a minus sign, a flat change without one, and sub-dollar quotes to four places', () => {
    expect(templateNarrative(downDayFacts, null).paragraphs[0]).toBe('Biggest 1-day moves on the watchlist: TSLA -7.85% (close 201.07) and AMD -2.06% (close 97.02).');
    const penny = templateNarrative(pennyFacts, null).paragraphs;
    expect(penny[0]).toBe('Biggest 1-day moves on the watchlist: SNDL -0.46% (close 0.4321) and NAKD 0.00% (close 0.0712).');
    expect(penny[1]).toBe('SNDL: median 0.4319 by 2026-06-08 (-0.05% over 1 session), 80% interval 0.4188 – 0.4457.');
  });

  it('is deterministic', () => {
    expect(templateNarrative(watchlistFacts, null)).toEqual(templateNarrative(structuredClone(watchlistFacts), null));
  });
});
