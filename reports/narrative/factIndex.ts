import type { ReportFacts } from '../../core/reports.ts';
import { scanNumbers } from './numberTokens.ts';

/** What a narrative may cite, gathered once from a report's facts. */
export interface FactIndex {
  /** Every finite number anywhere in the facts, and every number written inside a fact string. */
  values: number[];
  /** The percents among them: `…Pct` fields, and numbers written with `%` inside fact strings. */
  percentValues: number[];
  /** `YYYY-MM-DD` dates found in fact strings (timestamps included). */
  dates: Set<string>;
  /** The years of those dates: a bare `2026` may name one. */
  years: Set<number>;
  /** `M-D` and `Y-M-D` (unpadded) of every fact date and every date in words inside a fact string. */
  monthDays: Set<string>;
  /** Every fact string in lower case, one per line: an identifier (`v3`) must appear in it. */
  text: string;
  /** Spans the facts' own field names speak of: `change1dPct` and `change5dPct` make `1-day` and `5-day` labels. */
  spanLabels: Set<number>;
  /** Interval levels the field names speak of: `low80`, `high80`, `coverage80Pct` make `80% interval` a label. */
  intervalLabels: Set<number>;
}

export function indexFacts(facts: ReportFacts): FactIndex {
  const index: FactIndex = { values: [], percentValues: [], dates: new Set(), years: new Set(), monthDays: new Set(), text: '', spanLabels: new Set(), intervalLabels: new Set() };
  const strings: string[] = [];
  const visit = (value: unknown, key = ''): void => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return;
      index.values.push(value);
      if (key.endsWith('Pct')) index.percentValues.push(value);
    } else if (typeof value === 'string') {
      strings.push(value);
      indexString(index, value);
    } else if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        indexKey(index, key);
        visit(item, key);
      }
    }
  };
  visit(facts);
  index.text = strings.join('\n').toLowerCase();
  return index;
}

function indexKey(index: FactIndex, key: string): void {
  const span = /^change(\d+)d/.exec(key);
  if (span) index.spanLabels.add(Number(span[1]));
  const interval = /^(?:low|high|coverage)(\d+)/.exec(key);
  if (interval) index.intervalLabels.add(Number(interval[1]));
}

/** A fact string is read with the same scanner as the narrative, so quoting it verbatim always passes. */
function indexString(index: FactIndex, text: string): void {
  for (const token of scanNumbers(text)) {
    switch (token.kind) {
      case 'date': {
        const [year, month, day] = token.iso.split('-').map(Number) as [number, number, number];
        index.dates.add(token.iso);
        index.years.add(year);
        index.monthDays.add(`${month}-${day}`).add(`${year}-${month}-${day}`);
        break;
      }
      case 'monthDay':
        index.monthDays.add(`${token.month}-${token.day}`);
        if (token.year !== null) index.monthDays.add(`${token.year}-${token.month}-${token.day}`);
        break;
      case 'label':
        index.values.push(token.value);
        break;
      case 'number':
        index.values.push(token.value);
        if (token.percent) index.percentValues.push(token.value);
        break;
      case 'identifier':
        // Backed through `index.text`.
        break;
    }
  }
}
