import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AlertCondition } from '../../core/alerts.ts';
import { TICKER_PATTERN } from '../../core/bars.ts';
import { UserError } from '../../core/errors.ts';
import {
  ALERT_RULE_FORMS, DEFAULT_ANOMALY_THRESHOLD, MAX_MOVE_SESSIONS, describeCondition, formatAlertRule, parseAlertRule,
} from '../../alerts/ruleGrammar.ts';

function refusal(text: string): UserError {
  try {
    parseAlertRule(text);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe('bad_alert_rule');
    return err as UserError;
  }
  throw new Error(`"${text}" was accepted`);
}

describe('parseAlertRule', () => {
  it('reads each accepted form', () => {
    expect(parseAlertRule('TSLA above 250')).toEqual({ ticker: 'TSLA', condition: { kind: 'price_above', level: 250 } });
    expect(parseAlertRule('TSLA below 200')).toEqual({ ticker: 'TSLA', condition: { kind: 'price_below', level: 200 } });
    expect(parseAlertRule('TSLA move 5% within 3d')).toEqual({ ticker: 'TSLA', condition: { kind: 'pct_move', percent: 5, sessions: 3 } });
    expect(parseAlertRule('TSLA prob below 200 within 5d > 30%')).toEqual({
      ticker: 'TSLA', condition: { kind: 'forecast_prob', side: 'below', level: 200, within: 5, probability: 0.3 },
    });
    expect(parseAlertRule('TSLA prob above 300 within 2d > 25%')).toEqual({
      ticker: 'TSLA', condition: { kind: 'forecast_prob', side: 'above', level: 300, within: 2, probability: 0.25 },
    });
    expect(parseAlertRule('TSLA anomaly > 3')).toEqual({ ticker: 'TSLA', condition: { kind: 'anomaly', threshold: 3 } });
    expect(parseAlertRule('TSLA quality')).toEqual({ ticker: 'TSLA', condition: { kind: 'quality' } });
  });

  it('accepts every form it advertises', () => {
    for (const form of ALERT_RULE_FORMS) expect(() => parseAlertRule(form)).not.toThrow();
  });

  it('fills in the defaults and tolerates case, spacing, units and a dollar sign', () => {
    expect(parseAlertRule('tsla MOVE 5%').condition).toEqual({ kind: 'pct_move', percent: 5, sessions: 1 });
    expect(parseAlertRule('nvda anomaly').condition).toEqual({ kind: 'anomaly', threshold: DEFAULT_ANOMALY_THRESHOLD });
    expect(parseAlertRule('NVDA anomaly >= 4.5').condition).toEqual({ kind: 'anomaly', threshold: 4.5 });
    expect(parseAlertRule('  brk-b   above   $412.5 ').ticker).toBe('BRK-B');
    expect(parseAlertRule('^gspc below 4000').condition).toEqual({ kind: 'price_below', level: 4000 });
    expect(parseAlertRule('AAPL move 2.5 % within 10 days').condition).toEqual({ kind: 'pct_move', percent: 2.5, sessions: 10 });
    expect(parseAlertRule('AAPL prob above 250 within 1 session ≥12.5%').condition).toEqual({
      kind: 'forecast_prob', side: 'above', level: 250, within: 1, probability: 0.125,
    });
    expect(parseAlertRule('AAPL prob below 180 within 3d >30%').condition).toMatchObject({ within: 3, probability: 0.3 });
  });

  it.each([
    ['', /say which ticker/],
    ['TSLA', /say what to watch/],
    ['tsla!! above 3', /"tsla!!" is not a ticker/],
    ['TSLA sideways 3', /unknown condition "sideways"/],
    ['TSLA above', /expected a price level \(a positive number\), got nothing/],
    ['TSLA above -5', /got "-5"/],
    ['TSLA above 0', /got "0"/],
    ['TSLA above abc', /got "abc"/],
    ['TSLA above 1e999', /got "1e999"/],
    ['TSLA above 0x10', /got "0x10"/],
    ['TSLA above Infinity', /got "Infinity"/],
    ['TSLA above 250 please', /unexpected "please" at the end/],
    ['TSLA quality now', /unexpected "now"/],
    ['TSLA move 5% within 0d', /from 1 to 60, got 0/],
    [`TSLA move 5% within ${MAX_MOVE_SESSIONS + 1}d`, /from 1 to 60, got 61/],
    ['TSLA move 5% within 2.5d', /got "2.5d"/],
    ['TSLA move 5% within 3w', /got "3w"/],
    ['TSLA prob 200 within 5d > 30%', /`prob` is followed by `below` or `above`/],
    ['TSLA prob below 200 > 30%', /within how many sessions/],
    ['TSLA prob below 200 within 6d > 30%', /from 1 to 5, got 6/],
    ['TSLA prob below 200 within 5d > 0.5%', /between 1% and 99%, got 0.5%/],
    ['TSLA prob below 200 within 5d > 100%', /between 1% and 99%, got 100%/],
    ['TSLA prob below 200 within 5d >', /expected a probability/],
    ['TSLA anomaly > -1', /expected a score/],
    ['TSLA move $5%', /expected a percentage \(a positive number\), got "\$5"/],
    ['TSLA anomaly > 3 3', /unexpected "3"/],
    [`TSLA above ${'9'.repeat(300)}`, /longer than 200 characters/],
  ])('refuses %j, saying why and listing the forms', (text, why) => {
    const err = refusal(text);
    expect(err.message).toMatch(why);
    expect(err.message).toContain('Accepted forms: `TSLA above 250`, `TSLA below 200`, `TSLA move 5% within 3d`');
  });
});

describe('describeCondition', () => {
  it('says each condition in one line', () => {
    const lines = [
      'TSLA above 250', 'TSLA below 200', 'TSLA move 5% within 3d', 'TSLA move 5%', 'TSLA prob below 200 within 5d > 30%',
      'TSLA prob above 300 within 1d > 7%', 'TSLA anomaly > 3', 'TSLA quality',
    ].map((text) => {
      const { ticker, condition } = parseAlertRule(text);
      return describeCondition(ticker, condition);
    });
    expect(lines).toEqual([
      'TSLA closes at or above 250',
      'TSLA closes at or below 200',
      'TSLA moves 5% or more, either way, over 3 sessions',
      'TSLA moves 5% or more, either way, in one session',
      'P(TSLA closes below 200 within 5 sessions) ≥ 30%',
      'P(TSLA closes above 300 within 1 session) ≥ 7%',
      "TSLA's last bar has an anomaly score of 3 or more",
      "TSLA's daily data fails the quality gate",
    ]);
  });
});

const positive = fc.double({ min: Number.MIN_VALUE, max: 1e300, noNaN: true, noDefaultInfinity: true });
/** Percentages as a person types them (up to two decimals), kept as the parser keeps them. */
const probability = fc.integer({ min: 100, max: 9900 }).map((hundredths) => hundredths / 100 / 100);

const conditions: fc.Arbitrary<AlertCondition> = fc.oneof(
  positive.map((level) => ({ kind: 'price_above', level }) as const),
  positive.map((level) => ({ kind: 'price_below', level }) as const),
  fc.record({ kind: fc.constant('pct_move' as const), percent: positive, sessions: fc.integer({ min: 1, max: MAX_MOVE_SESSIONS }) }),
  fc.record({
    kind: fc.constant('forecast_prob' as const), side: fc.constantFrom('below' as const, 'above' as const), level: positive,
    within: fc.integer({ min: 1, max: 5 }), probability,
  }),
  positive.map((threshold) => ({ kind: 'anomaly', threshold }) as const),
  fc.constant({ kind: 'quality' } as const),
);
const tickers = fc.stringMatching(TICKER_PATTERN);

describe('rule text properties', () => {
  it('reads back every rule it writes, and describes each in one line naming the ticker', () => {
    fc.assert(
      fc.property(tickers, conditions, (ticker, condition) => {
        expect(parseAlertRule(formatAlertRule(ticker, condition))).toEqual({ ticker, condition });
        const line = describeCondition(ticker, condition);
        expect(line).toContain(ticker);
        expect(line).not.toMatch(/\n|undefined|NaN/);
      }),
      { numRuns: 2000 },
    );
  });

  it('throws nothing but a bad_alert_rule UserError, whatever the text', () => {
    const words = fc.constantFrom('TSLA', 'above', 'below', 'move', 'prob', 'within', 'anomaly', 'quality', '>', '>=', '%', '5d', '3', '-1', '1e400', '30%', 'days', '$', '');
    const text = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.array(words, { maxLength: 9 }).map((ws) => ws.join(' ')));
    fc.assert(
      fc.property(text, (input) => {
        try {
          const { ticker } = parseAlertRule(input);
          expect(ticker).toMatch(TICKER_PATTERN);
        } catch (err) {
          expect(err).toBeInstanceOf(UserError);
          expect((err as UserError).code).toBe('bad_alert_rule');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
