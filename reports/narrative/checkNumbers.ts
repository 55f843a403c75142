import type { ReportFacts } from '../../core/reports.ts';
import { indexFacts, type FactIndex } from './factIndex.ts';
import { scanNumbers, type NumberToken } from './numberTokens.ts';
import { splitParagraphs } from './sentences.ts';

/**
 * The number check on a narrative: a sentence is kept only when every number in it is backed by the report's facts,
 * so an LLM cannot put a figure in the report that the data does not hold. What counts as a number is spelled out in
 * numberTokens.ts; how sentences and paragraphs split, in sentences.ts. A token is backed when:
 * - `number`: some fact value `v` lies within half a unit of the last written digit of the text's `x`:
 *   |v − x| ≤ 0.5·10^−d (d = decimals written), so `190` is backed by 189.7 and `1.2%` by 1.23, but `1.5%` is not.
 *   Unsigned text is compared with the facts' absolute values (`fell 1.2%` for -1.23); a written `+` or `-` must
 *   match the fact's own sign. A percent (`1.2%`) must match a percent fact, so a price cannot pass as a change.
 *   Four plain digits that are the year of a fact date are backed as that year.
 * - `date`: the same `YYYY-MM-DD` appears in a fact string; `monthDay`: a fact date falls on that day (and year).
 * - `label` (`5-day`, `80% interval`): the count is a fact value (a horizon), or the facts' field names speak of it.
 * - `identifier` (`v3`): the same text, any case, appears inside a fact string.
 * Sentences without numbers are kept.
 */
export interface NarrativeCheck {
  kept: string[];
  dropped: string[];
  /** The kept sentences paragraph by paragraph, as the text had them; paragraphs left with none are left out. */
  keptByParagraph: string[][];
}

export function checkNarrative(text: string, facts: ReportFacts): NarrativeCheck {
  const index = indexFacts(facts);
  const kept: string[] = [];
  const dropped: string[] = [];
  const keptByParagraph: string[][] = [];
  for (const sentences of splitParagraphs(text)) {
    const keptHere: string[] = [];
    for (const sentence of sentences) {
      if (unbackedTokens(sentence, index).length === 0) keptHere.push(sentence);
      else dropped.push(sentence);
    }
    kept.push(...keptHere);
    if (keptHere.length > 0) keptByParagraph.push(keptHere);
  }
  return { kept, dropped, keptByParagraph };
}

/** The tokens of `sentence` no fact backs, as written: what a log line or a failing test should show. */
export function unbackedTokens(sentence: string, index: FactIndex): string[] {
  return scanNumbers(sentence)
    .filter((token) => !isBacked(token, index))
    .map((token) => token.text);
}

function isBacked(token: NumberToken, index: FactIndex): boolean {
  switch (token.kind) {
    case 'date':
      return index.dates.has(token.iso);
    case 'monthDay':
      return index.monthDays.has(token.year === null ? `${token.month}-${token.day}` : `${token.year}-${token.month}-${token.day}`);
    case 'label':
      return (token.unit === 'span' ? index.spanLabels : index.intervalLabels).has(token.value) || matchesValue(token.value, token.decimals, null, index.values);
    case 'identifier':
      return index.text.includes(token.text.toLowerCase());
    case 'number':
      return (token.plainFourDigits && index.years.has(token.value)) || matchesValue(token.value, token.decimals, token.sign, token.percent ? index.percentValues : index.values);
  }
}

function matchesValue(written: number, decimals: number, sign: '+' | '-' | null, values: readonly number[]): boolean {
  // Half a unit of the last digit written, plus room for binary floating point (189.98 is not exact).
  const tolerance = 0.5 * 10 ** -decimals + 1e-9 * Math.max(1, Math.abs(written));
  return values.some((value) => Math.abs((sign === null ? Math.abs(value) : value) - written) <= tolerance);
}
