/**
 * Splitting a narrative into paragraphs and sentences, so a sentence that cites an unbacked number can be dropped
 * on its own while the rest of its paragraph stays.
 */

/**
 * Words that end in a full stop without ending a sentence. Compared in lower case, without the final stop; single
 * letters (initials, the parts of `U.S.`) are treated the same way in `endsSentence`.
 */
const ABBREVIATIONS = new Set([
  'vs', 'e.g', 'i.e', 'etc', 'approx', 'ca', 'cf', 'incl', 'excl', 'est', 'avg', 'no', 'nos', 'vol', 'pct', 'inc', 'corp', 'co', 'ltd',
  'mr', 'mrs', 'ms', 'dr', 'st', 'u.s', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
]);

/** A list marker at the start of a line (`- `, `* `, `• `, `1. `, `2) `): each item reads as its own sentence. */
const LIST_MARKER = /^\s*(?:[-*•]|\d{1,2}[.)])\s+/;

/**
 * Paragraphs are separated by blank lines. Inside one, a list item starts a new line of its own and loses its
 * marker; other line breaks are soft wraps and become spaces.
 */
export function splitParagraphs(text: string): string[][] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((paragraph) => joinLines(paragraph).flatMap(splitSentences))
    .filter((sentences) => sentences.length > 0);
}

/** The lines of a paragraph after soft wraps are joined: one entry per list item, or one for running text. */
function joinLines(paragraph: string): string[] {
  const parts: string[] = [];
  let current: string | null = null;
  for (const line of paragraph.split('\n')) {
    if (LIST_MARKER.test(line)) {
      if (current !== null) parts.push(current);
      current = line.replace(LIST_MARKER, '');
    } else {
      current = current === null ? line : `${current} ${line}`;
    }
  }
  if (current !== null) parts.push(current);
  return parts;
}

/**
 * A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets after it) followed by white space, unless
 * the full stop closes an abbreviation or an initial. A stop inside a number (`189.98`) is never followed by white
 * space, so decimals cannot split. White space is normalised to single spaces.
 */
export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return [];
  const sentences: string[] = [];
  const boundary = /[.!?]+["'”’)\]]*(?= )/g;
  let start = 0;
  for (const match of flat.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (!endsSentence(flat.slice(start, end))) continue;
    sentences.push(flat.slice(start, end).trim());
    start = end;
  }
  const rest = flat.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

/** Whether text that ends in sentence punctuation really ends a sentence, judged by the word before a final stop. */
function endsSentence(text: string): boolean {
  const trimmed = text.replace(/["'”’)\]]+$/, '');
  if (!trimmed.endsWith('.') || trimmed.endsWith('..')) return true;
  const lastWord = /([\p{L}.]+)\.$/u.exec(trimmed)?.[1]?.toLowerCase();
  if (!lastWord) return true;
  return !(ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord));
}
