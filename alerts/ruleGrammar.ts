import type { AlertCondition } from '../core/alerts.ts';
import { isTicker } from '../core/bars.ts';
import { UserError } from '../core/errors.ts';
import { MAX_HORIZON } from '../core/forecast.ts';

/**
 * The text after `alert add`, e.g. `TSLA prob below 200 within 5d > 30%`, parsed into a ticker and a condition.
 * Keywords are case-insensitive, the ticker is uppercased; every mistake is a `UserError` that lists the forms.
 */
export interface ParsedAlertRule {
  ticker: string;
  condition: AlertCondition;
}

export const ALERT_RULE_FORMS = [
  'TSLA above 250',
  'TSLA below 200',
  'TSLA move 5% within 3d',
  'TSLA prob below 200 within 5d > 30%',
  'TSLA prob above 300 within 2d > 25%',
  'TSLA anomaly > 3',
  'TSLA quality',
] as const;

/** A % move is looked for over at most this many sessions (about three months). */
export const MAX_MOVE_SESSIONS = 60;
/**
 * `anomaly` without a threshold. Over the 11 shared tickers (2006-2026) a robust z of 3 or more marks 5.5% of daily
 * bars (about 14 a year per ticker, too chatty for a channel), 5 or more about 1%, 8 or more 0.15%.
 */
export const DEFAULT_ANOMALY_THRESHOLD = 5;
/** Probabilities are asked for in whole-ish percent between these bounds; 0% and 100% would always or never hold. */
export const MIN_PROBABILITY_PERCENT = 1;
export const MAX_PROBABILITY_PERCENT = 99;
/** Longer text is refused before it is looked at. */
export const MAX_RULE_LENGTH = 200;

const NUMBER_PATTERN = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const SESSIONS_PATTERN = /^(\d+)(?:d|days?|sessions?)?$/i;
const SESSION_UNITS = new Set(['d', 'day', 'days', 'session', 'sessions']);
const COMPARATORS = new Set(['>', '>=', '≥']);
/** What a price level is called in messages; the one number that may carry a `$`. */
const PRICE = 'a price level';

export function parseAlertRule(text: string): ParsedAlertRule {
  if (text.length > MAX_RULE_LENGTH) throw badRule(`the rule is longer than ${MAX_RULE_LENGTH} characters`);
  const tokens = new Tokens(tokenize(text));
  const first = tokens.next();
  if (first === undefined) throw badRule('say which ticker and what to watch');
  const ticker = first.toUpperCase();
  if (!isTicker(ticker)) throw badRule(`"${first}" is not a ticker`);
  const keyword = tokens.next()?.toLowerCase();
  const condition = parseCondition(keyword, tokens);
  const rest = tokens.rest();
  if (rest.length > 0) throw badRule(`unexpected "${rest.join(' ')}" at the end`);
  return { ticker, condition };
}

function parseCondition(keyword: string | undefined, tokens: Tokens): AlertCondition {
  switch (keyword) {
    case 'above':
      return { kind: 'price_above', level: positive(tokens.next(), PRICE) };
    case 'below':
      return { kind: 'price_below', level: positive(tokens.next(), PRICE) };
    case 'move':
      return parseMove(tokens);
    case 'prob':
      return parseProbability(tokens);
    case 'anomaly':
      return { kind: 'anomaly', threshold: tokens.peek() === undefined ? DEFAULT_ANOMALY_THRESHOLD : positive(thresholdToken(tokens), 'a score') };
    case 'quality':
      return { kind: 'quality' };
    case undefined:
      throw badRule('say what to watch after the ticker');
    default:
      throw badRule(`unknown condition "${keyword}"`);
  }
}

function parseMove(tokens: Tokens): AlertCondition {
  const percent = positive(tokens.next(), 'a percentage');
  tokens.skip('%');
  const sessions = tokens.peek()?.toLowerCase() === 'within' ? parseWithin(tokens, MAX_MOVE_SESSIONS) : 1;
  return { kind: 'pct_move', percent, sessions };
}

function parseProbability(tokens: Tokens): AlertCondition {
  const side = tokens.next()?.toLowerCase();
  if (side !== 'below' && side !== 'above') throw badRule('`prob` is followed by `below` or `above` and a price level');
  const level = positive(tokens.next(), PRICE);
  if (tokens.peek()?.toLowerCase() !== 'within') throw badRule('say within how many sessions, e.g. `within 5d`');
  const within = parseWithin(tokens, MAX_HORIZON);
  const percent = positive(thresholdToken(tokens), 'a probability');
  tokens.skip('%');
  if (percent < MIN_PROBABILITY_PERCENT || percent > MAX_PROBABILITY_PERCENT) {
    throw badRule(`the probability must lie between ${MIN_PROBABILITY_PERCENT}% and ${MAX_PROBABILITY_PERCENT}%, got ${percent}%`);
  }
  return { kind: 'forecast_prob', side, level, within, probability: percent / 100 };
}

/** `within 3d`, `within 3 days`, `within 3 sessions`: a whole number of sessions from 1 to `max`. */
function parseWithin(tokens: Tokens, max: number): number {
  tokens.next(); // `within`
  const token = tokens.next();
  const match = token === undefined ? null : SESSIONS_PATTERN.exec(token);
  if (!match) throw badRule(`\`within\` takes a number of sessions from 1 to ${max}, e.g. \`within 3d\`, got ${quoted(token)}`);
  if (SESSION_UNITS.has(tokens.peek()?.toLowerCase() ?? '') && /^\d+$/.test(token!)) tokens.next();
  const sessions = Number(match[1]);
  if (sessions < 1 || sessions > max) throw badRule(`\`within\` takes a number of sessions from 1 to ${max}, got ${sessions}`);
  return sessions;
}

/** The threshold token, after an optional `>` (or `>=`, `≥`): the condition holds at the threshold itself too. */
function thresholdToken(tokens: Tokens): string | undefined {
  if (COMPARATORS.has(tokens.peek() ?? '')) tokens.next();
  return tokens.next();
}

function positive(token: string | undefined, what: string): number {
  const text = what === PRICE && token?.startsWith('$') ? token.slice(1) : token;
  const value = text !== undefined && NUMBER_PATTERN.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value) || value <= 0) throw badRule(`expected ${what} (a positive number), got ${quoted(token)}`);
  return value;
}

function quoted(token: string | undefined): string {
  return token === undefined ? 'nothing' : `"${token}"`;
}

/** Words, with comparators and `%` split off so `>30%`, `> 30 %` and `> 30%` read the same. */
function tokenize(text: string): string[] {
  return text
    .replace(/>=|≥|>|%/g, ' $& ')
    .trim()
    .split(/\s+/)
    .filter((token) => token.length > 0);
}

class Tokens {
  private position = 0;
  constructor(private readonly tokens: readonly string[]) {}
  next(): string | undefined {
    return this.tokens[this.position++];
  }
  peek(): string | undefined {
    return this.tokens[this.position];
  }
  skip(token: string): void {
    if (this.peek() === token) this.position++;
  }
  rest(): readonly string[] {
    return this.tokens.slice(this.position);
  }
}

function badRule(reason: string): UserError {
  return new UserError('bad_alert_rule', `${reason}. Accepted forms: ${ALERT_RULE_FORMS.map((form) => `\`${form}\``).join(', ')}`);
}

/** The rule as one would type it after `alert add`; `parseAlertRule` reads it back to the same condition. */
export function formatAlertRule(ticker: string, condition: AlertCondition): string {
  switch (condition.kind) {
    case 'price_above':
      return `${ticker} above ${condition.level}`;
    case 'price_below':
      return `${ticker} below ${condition.level}`;
    case 'pct_move':
      return `${ticker} move ${condition.percent}% within ${condition.sessions}d`;
    case 'forecast_prob':
      return `${ticker} prob ${condition.side} ${condition.level} within ${condition.within}d > ${formatPercent(condition.probability)}%`;
    case 'anomaly':
      return `${ticker} anomaly > ${condition.threshold}`;
    case 'quality':
      return `${ticker} quality`;
  }
}

/** One line for people, e.g. `TSLA closes at or below 200`, `P(TSLA closes below 200 within 5 sessions) ≥ 30%`. */
export function describeCondition(ticker: string, condition: AlertCondition): string {
  switch (condition.kind) {
    case 'price_above':
      return `${ticker} closes at or above ${condition.level}`;
    case 'price_below':
      return `${ticker} closes at or below ${condition.level}`;
    case 'pct_move':
      return `${ticker} moves ${condition.percent}% or more, either way, ${condition.sessions === 1 ? 'in one session' : `over ${condition.sessions} sessions`}`;
    case 'forecast_prob':
      return `P(${ticker} closes ${condition.side} ${condition.level} within ${sessions(condition.within)}) ≥ ${formatPercent(condition.probability)}%`;
    case 'anomaly':
      return `${ticker}'s last bar has an anomaly score of ${condition.threshold} or more`;
    case 'quality':
      return `${ticker}'s daily data fails the quality gate`;
  }
}

function sessions(n: number): string {
  return n === 1 ? '1 session' : `${n} sessions`;
}

/** A probability as percent without float noise (0.07 → `7`, not `7.000000000000001`). */
export function formatPercent(probability: number): string {
  return String(Number((probability * 100).toPrecision(12)));
}
