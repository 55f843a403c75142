import type { ReportFacts } from '../../core/reports.ts';

/**
 * What the LLM is told. The number check drops any sentence citing a figure the facts do not hold, so the prompt's
 * job is to make that rare: quote, never compute.
 */
const NARRATIVE_SYSTEM_PROMPT = [
  'You write the short morning summary at the top of a daily stock report for traders.',
  'The user message is the report\'s facts as JSON; it is everything you know.',
  'Write 3 to 6 short sentences of plain prose in one or two paragraphs: the biggest moves, what the forecasts expect (median and 80% interval), and how far to trust them.',
  'When a ticker\'s "edge" is false, the model has shown no edge over "tomorrow = today" and its interval is the random walk\'s: say so plainly.',
  'Mention tickers with no data or no forecast, alerts fired and model registry changes when there are any.',
  'Cite only numbers and dates that appear in the JSON, written as given or rounded; never compute new ones (no differences, sums, averages or counts).',
  'Fields ending in "Pct" are already percents: 1.23 means 1.23%. Prices are in the quote currency.',
  'Give no advice or recommendations and no predictions beyond the forecasts. No headings, lists, tables, links, code or HTML.',
].join(' ');

interface NarrativeMessage {
  role: 'system' | 'user';
  content: string;
}

/** The chat messages for one report: the instructions, then the facts as JSON and nothing else. */
export function buildNarrativeMessages(facts: ReportFacts): NarrativeMessage[] {
  return [
    { role: 'system', content: NARRATIVE_SYSTEM_PROMPT },
    { role: 'user', content: JSON.stringify(facts, null, 2) },
  ];
}
