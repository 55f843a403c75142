import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../core/errors.ts';
import { MAX_COMMAND_LENGTH, tokenize } from '../../bot/tokenize.ts';

describe('tokenize', () => {
  it('splits on any whitespace and groups quoted words, Slack smart quotes included', () => {
    expect(tokenize('  forecast\tAAPL   5 ')).toEqual(['forecast', 'AAPL', '5']);
    expect(tokenize('alert add "BRK-B" below 400')).toEqual(['alert', 'add', 'BRK-B', 'below', '400']);
    expect(tokenize('report \u201cBRK B\u201d')).toEqual(['report', 'BRK B']);
    expect(tokenize("say ''")).toEqual(['say', '']);
  });

  it('refuses overlong lines, control characters and unbalanced quotes with codes', () => {
    const code = (line: string) => {
      try {
        tokenize(line);
        return null;
      } catch (err) {
        return (err as UserError).code;
      }
    };
    expect(code('x'.repeat(MAX_COMMAND_LENGTH + 1))).toBe('too_long');
    expect(code('forecast AAPL\u0007')).toBe('bad_characters');
    expect(code('model approve \ud800')).toBe('bad_characters');
    expect(code('price \udc00AAPL')).toBe('bad_characters');
    expect(code('price AAPL \ud83d\ude00')).toBeNull();
    expect(code('forecast "AAPL')).toBe('unbalanced_quotes');
    expect(code('x'.repeat(MAX_COMMAND_LENGTH))).toBeNull();
  });

  it('on 10,000 random lines returns words without whitespace or throws a UserError, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (line) => {
        try {
          const words = tokenize(line);
          return words.every((w) => typeof w === 'string');
        } catch (err) {
          return err instanceof UserError;
        }
      }),
      { numRuns: 10_000 },
    );
  });
});
