/**
 * What counts as a number in a narrative, read the same way from the LLM's text and from the strings in the facts,
 * so a figure quoted from a fact string (a reason, a model version) is backed by that very string.
 *
 * The scanner reads left to right; where several forms start at the same place, the first in this list wins:
 *  1. `date`: an ISO date `YYYY-MM-DD` (also inside a timestamp, `2026-06-01T08:00Z`).
 *  2. `monthDay`: a date in words, `June 1`, `Jun. 1st, 2026`, `1 June 2026`.
 *  3. `label`: a count that names a span or an interval rather than stating a figure: `5-day`, `5 sessions`,
 *     `5 trading days`, `80% interval` (also `range`, `band`, `prediction interval`).
 *  4. `identifier`: a word that mixes letters and digits, `v3`, `gpt-4o`'s `4o`, `Q2`, `2nd`; also any digits no
 *     other form takes (`1.2.3`, the `1.2` of `1.2x`, the `08` of `T08:00`). An identifier is backed only by the
 *     same text inside a fact string, never by a value.
 *  5. `number`: digits with optional thousands commas (`1,234` is one thousand two hundred and thirty-four;
 *     `5,10` is two numbers) and an optional decimal part, or a bare decimal part (`.5`); optionally led by a sign
 *     (`-`, `+`, `−`) and/or `$`, and followed by anything but a letter, digit or `_`. A `%` after it makes it a
 *     percent, which only a percent fact backs (a `…Pct` field, or a `%` figure inside a fact string). A sign only counts at the start of a word:
 *     in `188-192` the hyphen is a range, and both numbers are unsigned.
 * So every digit in the text belongs to some token: nothing numeric slips past the check unread.
 */

export type NumberToken =
  | { kind: 'date'; text: string; iso: string }
  | { kind: 'monthDay'; text: string; month: number; day: number; year: number | null }
  | { kind: 'label'; text: string; unit: 'span' | 'interval'; value: number; decimals: number }
  | { kind: 'identifier'; text: string }
  | {
    kind: 'number';
    text: string;
    value: number;
    /** Digits after the decimal point: the precision the text claims. */
    decimals: number;
    /** `+` or `-` when the text writes one; unsigned text may stand for either sign of a fact. */
    sign: '+' | '-' | null;
    /** Four digits with no sign, `$`, comma, decimals or `%`: may be a year. */
    plainFourDigits: boolean;
    /** Written with a `%` after it. */
    percent: boolean;
  };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WORD_CHAR = '[\\p{L}\\p{N}_]';

const FORMS = [
  `(?<date>(?<!\\d)\\d{4}-\\d{2}-\\d{2}(?!\\d))`,
  `(?<monthFirst>\\b(?<m1>${MONTH})\\.? (?<d1>\\d{1,2})(?:st|nd|rd|th)?(?:,? (?<y1>\\d{4}))?(?!${WORD_CHAR}))`,
  `(?<dayFirst>(?<!${WORD_CHAR})(?<d2>\\d{1,2}) (?<m2>${MONTH})\\b\\.?(?: (?<y2>\\d{4})(?!${WORD_CHAR}))?)`,
  `(?<span>(?<![\\p{L}\\p{N}_.])(?<spanCount>\\d+)[- ](?:trading[- ])?(?:days?|sessions?)\\b)`,
  `(?<interval>(?<![\\p{L}\\p{N}_.])(?<intervalLevel>\\d+(?:\\.\\d+)?) ?% (?:prediction |forecast |confidence )?(?:interval|range|band)s?\\b)`,
  `(?<identifier>(?<!${WORD_CHAR})(?=${WORD_CHAR}*\\p{L})(?=${WORD_CHAR}*\\p{N})${WORD_CHAR}+)`,
  `(?<number>(?<![\\p{L}\\p{N}_.])(?<sign>[-+−](?=\\$?[\\d.]))?\\$?(?<digits>(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|\\.\\d+)(?!${WORD_CHAR}|\\.\\d))`,
  `(?<stray>\\p{N}(?:[\\p{N}.,]*\\p{N})?)`,
];
const SCANNER = new RegExp(FORMS.join('|'), 'giu');

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function decimalsOf(digits: string): number {
  const point = digits.indexOf('.');
  return point < 0 ? 0 : digits.length - point - 1;
}

export function scanNumbers(text: string): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const match of text.matchAll(SCANNER)) {
    const g = match.groups ?? {};
    const raw = match[0];
    if (g.date) tokens.push({ kind: 'date', text: raw, iso: g.date });
    else if (g.monthFirst || g.dayFirst) {
      const year = g.y1 ?? g.y2;
      tokens.push({ kind: 'monthDay', text: raw, month: monthIndex(g.m1 ?? g.m2 ?? ''), day: Number(g.d1 ?? g.d2), year: year ? Number(year) : null });
    } else if (g.span) tokens.push({ kind: 'label', text: raw, unit: 'span', value: Number(g.spanCount), decimals: 0 });
    else if (g.interval) {
      const level = g.intervalLevel ?? '';
      tokens.push({ kind: 'label', text: raw, unit: 'interval', value: Number(level), decimals: decimalsOf(level) });
    } else if (g.identifier || g.stray) tokens.push({ kind: 'identifier', text: raw });
    else if (g.digits) {
      const sign = g.sign ? (g.sign === '+' ? '+' : '-') : null;
      const magnitude = Number(g.digits.replace(/,/g, ''));
      tokens.push({
        kind: 'number',
        text: raw,
        value: sign === '-' ? -magnitude : magnitude,
        decimals: decimalsOf(g.digits),
        sign,
        plainFourDigits: /^\d{4}$/.test(raw) && !/^\s*%/.test(text.slice(match.index + raw.length)),
        percent: /^\s*%/.test(text.slice(match.index + raw.length)),
      });
    }
  }
  return tokens;
}
