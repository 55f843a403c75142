import { UserError } from '../core/errors.ts';

/** The longest command line any surface passes on; Slack allows 4,000 characters, nobody needs more than this. */
export const MAX_COMMAND_LENGTH = 500;

/** Half of a UTF-16 surrogate pair without the other half: not text, and PostgreSQL refuses it in JSON (the audit log). */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Splits a command line into words: whitespace separates, double or single quotes group (`report "BRK-B"`),
 * Slack's smart quotes count as quotes. Refuses overlong lines, control characters, broken UTF-16 and unbalanced quotes.
 */
export function tokenize(line: string): string[] {
  if (line.length > MAX_COMMAND_LENGTH) {
    throw new UserError('too_long', `that command is ${line.length} characters long; the limit is ${MAX_COMMAND_LENGTH}`);
  }
  // Tabs and newlines separate words like spaces do; every other control character is refused outright.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(line)) {
    throw new UserError('bad_characters', 'that command contains control characters');
  }
  if (LONE_SURROGATE.test(line)) throw new UserError('bad_characters', 'that command contains broken characters (a lone UTF-16 surrogate)');
  const normalised = line.replace(/[\u201c\u201d]/g, '"').replace(/[\u2018\u2019]/g, "'");
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: string | null = null;
  for (const char of normalised) {
    if (quote) {
      if (char === quote) quote = null;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += char;
      inWord = true;
    }
  }
  if (quote) throw new UserError('unbalanced_quotes', `a ${quote} quote is never closed`);
  if (inWord) words.push(current);
  return words;
}
