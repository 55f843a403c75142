import { describe, expect, it } from 'vitest';
import { checkNarrative, unbackedTokens } from '../../../reports/narrative/checkNumbers.ts';
import { indexFacts } from '../../../reports/narrative/factIndex.ts';
import { splitParagraphs, splitSentences } from '../../../reports/narrative/sentences.ts';
import { AAPL, emptyWatchlistFacts, watchlistFacts } from './factFixtures.ts';

const index = indexFacts(watchlistFacts);
const unbacked = (sentence: string) => unbackedTokens(sentence, index);

describe('splitting sentences', () => {
  it('does not split at decimals, abbreviations or initials', () => {
    expect(splitSentences('AAPL closed at 189.98, up 1.23% vs. the prior close. MSFT fell 0.84%, e.g. on rotation. The U.S. session was calm!'))
      .toEqual(['AAPL closed at 189.98, up 1.23% vs. the prior close.', 'MSFT fell 0.84%, e.g. on rotation.', 'The U.S. session was calm!']);
  });

  it('ends a sentence at closing quotes and brackets, and keeps a last sentence without a stop', () => {
    expect(splitSentences('It said "hold." (Quietly.) Then 192.40')).toEqual(['It said "hold."', '(Quietly.)', 'Then 192.40']);
  });

  it('splits paragraphs at blank lines, joins soft wraps and reads list items as sentences', () => {
    const text = 'AAPL rose 1.23%.\nMSFT fell\n0.84%.\n\n \n- TSLA -3.42%\n- GME +12.87%\n\nDone.';
    expect(splitParagraphs(text)).toEqual([['AAPL rose 1.23%.', 'MSFT fell 0.84%.'], ['TSLA -3.42%', 'GME +12.87%'], ['Done.']]);
  });
});

describe('what backs a number', () => {
  it('accepts a number within half a unit of its last written digit', () => {
    expect(unbacked('AAPL closed at 189.98.')).toEqual([]);
    expect(unbacked('AAPL closed near 190.')).toEqual([]);
    expect(unbacked('AAPL rose 1.2% and 1.23%.')).toEqual([]);
    expect(unbacked('AAPL rose 1.7%.')).toEqual(['1.7']);
    expect(unbacked('AAPL closed at 189.90.')).toEqual(['189.90']);
    expect(unbacked('AAPL closed near 191.')).toEqual(['191']);
  });

  it('checks against every fact, not the ticker a sentence names', () => {
    // 1.5 is SNDL's 1.53 on the full watchlist; with AAPL alone (1.23 and 1.27 nearby) it is unbacked.
    expect(unbacked('AAPL rose 1.5%.')).toEqual([]);
    expect(checkNarrative('AAPL rose 1.5%.', { ...emptyWatchlistFacts, tickers: [AAPL] }).dropped).toEqual(['AAPL rose 1.5%.']);
  });

  it('backs a percent only by a percent fact, so a price cannot pass as a change', () => {
    expect(unbacked('AAPL rose 189.98%.')).toEqual(['189.98']);
    expect(unbacked('AAPL closed at 1.23.')).toEqual([]);
    expect(unbacked('The 80% interval held 81.2% of closes.')).toEqual([]);
    // MASE 0.912 is a fact, but not a percent: "up 1%" needs a percent fact near 1.
    expect(checkNarrative('AAPL rose 1%.', { ...emptyWatchlistFacts, tickers: [{ ...AAPL, change1dPct: 3.5, change5dPct: 4.5, coverage80Pct: 70, forecast: null }] }).dropped).toEqual(['AAPL rose 1%.']);
  });

  it('reads unsigned changes as magnitudes and signed ones with their sign', () => {
    expect(unbacked('TSLA fell 3.42%.')).toEqual([]);
    expect(unbacked('TSLA moved -3.42% (−3.4%).')).toEqual([]);
    expect(unbacked('TSLA moved +3.42%.')).toEqual(['+3.42']);
    expect(unbacked('AAPL moved -1.23%.')).toEqual(['-1.23']);
  });

  it('reads thousands commas, a dollar sign and sub-dollar quotes', () => {
    expect(unbacked('NVDA closed at $1,234.56 and SNDL at $0.4321.')).toEqual([]);
    expect(unbacked('NVDA closed at 1,234.57.')).toEqual(['1,234.57']);
    expect(unbacked('SNDL closed at 0.43, near 0.4.')).toEqual([]);
    expect(unbacked('SNDL closed at 0.4329.')).toEqual(['0.4329']);
  });

  it('reads a hyphen between numbers as a range, not a sign', () => {
    expect(unbacked('The 80% interval is 186.10-198.70.')).toEqual([]);
    expect(unbacked('The 80% interval is 186.10 – 198.70.')).toEqual([]);
  });

  it('backs spans and interval levels by the horizon or by the facts\' field names', () => {
    expect(unbacked('Over 5 sessions, the 5-day median is 192.40, the 1-day move 1.23%.')).toEqual([]);
    expect(unbacked('The 80% prediction interval held 81.2% of the time.')).toEqual([]);
    expect(unbacked('The 10-day trend and the 95% interval are unclear.')).toEqual(['10-day', '95% interval']);
    // With no tickers the facts name no spans at all.
    expect(unbackedTokens('The 1-day change was flat.', indexFacts(emptyWatchlistFacts))).toEqual(['1-day']);
  });

  it('backs ISO dates only by a fact date, and a year or a day in words by the dates in the facts', () => {
    expect(unbacked('The median is for 2026-06-12; the champion changed on 2026-06-01.')).toEqual([]);
    expect(unbacked('The median is for 2026-06-13.')).toEqual(['2026-06-13']);
    expect(unbacked('In 2026, by June 12 and on 8 June 2026.')).toEqual([]);
    expect(unbacked('Unlike 2025, by June 14.')).toEqual(['2025', 'June 14']);
  });

  it('backs identifiers only by the same text in a fact string', () => {
    expect(unbacked('The champion is lgbm-2026-06-01, replacing lgbm-2026-05-01.')).toEqual([]);
    expect(unbacked('Per GPT-4o, Q2 looks 2x better.')).toEqual(['4o', 'Q2', '2x']);
    expect(unbacked('Version 1.2.3 shipped.')).toEqual(['1.2.3']);
  });

  it('backs numbers quoted from fact strings: reasons, alerts, the registry', () => {
    expect(unbacked('GME is unpublishable: its 80% interval is wider than 45% of the last close.')).toEqual([]);
    expect(unbacked('The gate passed with MASE 0.931 against 0.958.')).toEqual([]);
    expect(unbacked('3 alerts fired: 2 for AAPL and 1 for TSLA.')).toEqual([]);
  });

  it('treats words without digits as nothing to check', () => {
    expect(unbacked('The watchlist was calm; no edge over tomorrow = today for MSFT.')).toEqual([]);
  });
});

describe('checkNarrative', () => {
  it('keeps backed sentences and sentences without numbers, drops the rest, paragraph by paragraph', () => {
    const text = [
      'AAPL rose 1.23% to close at 189.98. Its 5-day median is 192.40 by 2026-06-12.',
      'TSLA fell 4.1% on the day. Markets were mixed.',
      'NVDA jumped 7% to 1,300.',
    ].join('\n\n');
    const check = checkNarrative(text, watchlistFacts);
    expect(check.dropped).toEqual(['TSLA fell 4.1% on the day.', 'NVDA jumped 7% to 1,300.']);
    expect(check.kept).toEqual(['AAPL rose 1.23% to close at 189.98.', 'Its 5-day median is 192.40 by 2026-06-12.', 'Markets were mixed.']);
    expect(check.keptByParagraph).toEqual([
      ['AAPL rose 1.23% to close at 189.98.', 'Its 5-day median is 192.40 by 2026-06-12.'],
      ['Markets were mixed.'],
    ]);
  });

  it('drops a whole sentence for one bad number among good ones', () => {
    expect(checkNarrative('AAPL closed at 189.98 (+1.23%), MSFT at 415.32 (-0.84%) and TSLA at 180.00.', watchlistFacts).dropped).toHaveLength(1);
  });

  it('returns nothing for empty text', () => {
    expect(checkNarrative('  \n\n ', watchlistFacts)).toEqual({ kept: [], dropped: [], keptByParagraph: [] });
  });
});
