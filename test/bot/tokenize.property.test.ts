import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { MAX_COMMAND_LENGTH, tokenize } from '../../bot/tokenize.ts';

const RUNS = 10_000;
const REFUSALS = new Set(['too_long', 'bad_characters', 'unbalanced_quotes']);
// eslint-disable-next-line no-control-regex
const REFUSED_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * A second, independent reading of the grammar, by regular expression: a word is a run of plain characters and
 * quoted groups; a quote left open anywhere is an error. `tokenize` must agree with it on every line it accepts.
 */
function referenceWords(line: string): string[] | 'unbalanced' {
  const text = line.replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'");
  const word = /\s*((?:[^\s"']|"[^"]*"|'[^']*')+)/y;
  const words: string[] = [];
  let end = 0;
  for (let match = word.exec(text); match; match = word.exec(text)) {
    words.push(match[1]!.replace(/"([^"]*)"|'([^']*)'/g, '$1$2'));
    end = word.lastIndex;
  }
  return /^\s*$/.test(text.slice(end)) ? words : 'unbalanced';
}

/** Every surrogate in a pair, checked pair by pair (code points, not a regular expression, to differ from the code). */
function isWellFormed(line: string): boolean {
  return [...line].every((char) => char.length === 2 || char.charCodeAt(0) < 0xd800 || char.charCodeAt(0) > 0xdfff);
}

/** What `tokenize` answers: the words, or its refusal's code (anything else it throws fails the property). */
function outcome(line: string): string[] | { refused: string } {
  try {
    return tokenize(line);
  } catch (err) {
    if (!(err instanceof UserError) || !REFUSALS.has(err.code)) throw err;
    expect(err.message).not.toMatch(/\n/);
    return { refused: err.code };
  }
}

function expectedOutcome(line: string): string[] | { refused: string } {
  if (line.length > MAX_COMMAND_LENGTH) return { refused: 'too_long' };
  if (REFUSED_CONTROL.test(line) || !isWellFormed(line)) return { refused: 'bad_characters' };
  const words = referenceWords(line);
  return words === 'unbalanced' ? { refused: 'unbalanced_quotes' } : words;
}

/** Lines dense in what the grammar cares about: quotes of both kinds, smart quotes, whitespace, control characters. */
const grammarChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'B', '7', '-', '$', '.', 'é', '😀', '\ud800') },
  { weight: 3, arbitrary: fc.constantFrom('"', "'", '\u201c', '\u201d', '\u2018', '\u2019') },
  { weight: 3, arbitrary: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\u3000', '\ufeff') },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u200b') },
);
const grammarLine = fc.array(grammarChar, { maxLength: 40 }).map((chars) => chars.join(''));

describe('tokenize, on 10,000 random lines each', () => {
  it('agrees with a reference reading on any unicode line, refusing only with its own codes', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 120 }), fc.string({ unit: 'binary', minLength: 480, maxLength: 620 })), (line) => {
        expect(outcome(line)).toEqual(expectedOutcome(line));
      }),
      { numRuns: RUNS },
    );
  });

  it('agrees with the reference reading on lines made of quotes, whitespace and control characters', () => {
    fc.assert(
      fc.property(grammarLine, (line) => {
        expect(outcome(line)).toEqual(expectedOutcome(line));
      }),
      { numRuns: RUNS },
    );
  });

  it('gives back any words it is given, each quoted as needed, whatever whitespace separates them', () => {
    const plainWord = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((w) => !REFUSED_CONTROL.test(w) && !/[\u201c\u201d\u2018\u2019]/.test(w));
    const separator = fc.array(fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u3000'), { minLength: 1, maxLength: 3 }).map((s) => s.join(''));
    const quote = (w: string) => (w.includes('"') ? `'${w.replace(/'/g, `'"'"'`)}'` : `"${w}"`);
    fc.assert(
      fc.property(fc.array(fc.tuple(plainWord, separator), { maxLength: 12 }), (pairs) => {
        const line = pairs.map(([word, sep]) => `${quote(word)}${sep}`).join('');
        fc.pre(line.length <= MAX_COMMAND_LENGTH);
        expect(tokenize(line)).toEqual(pairs.map(([word]) => word));
      }),
      { numRuns: RUNS },
    );
  });
});
