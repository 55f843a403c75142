import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from '../../bot/bot.ts';
import type { CommandDefinition, Invocation } from '../../bot/command.ts';
import { COMMANDS } from '../../bot/commands/index.ts';
import { createBot } from '../../bot/createBot.ts';
import { RateLimiter } from '../../bot/rateLimiter.ts';
import type { CommandResult, ResultKind } from '../../bot/results.ts';
import { tokenize } from '../../bot/tokenize.ts';
import { createLogger } from '../../app/logger.ts';
import { openBotHarness, type BotHarness } from '../support/botHarness.ts';
import { from } from './support.ts';

/**
 * The whole dispatcher (tokenize, resolve, validate, role, replay, rate limit, handler, error mapping) over real
 * services on an in-memory PGlite holding real bars, fed 10,000 lines per property. No model is trained, so a
 * forecast is the cheap random-walk answer, memoised per ticker and horizon after its first run.
 */

const RUNS = 10_000;
/** Each property takes 2-40 s on a quiet machine; the limit leaves room for a busy one (tests run side by side). */
const LIMIT_MS = 180_000;
const TICKERS = ['AAPL', 'MSFT'];
const ADMIN = 'slack:UADMIN';

/** Every kind a result may have; `Record` makes the compiler insist the list is complete. */
const KINDS: Record<ResultKind, true> = {
  forecast: true, price: true, alertCreated: true, alertList: true, alertRemoved: true, report: true, subscription: true,
  modelStatus: true, promotionRequested: true, promoted: true, promotionRejected: true, rolledBack: true, retrained: true,
  help: true, error: true,
};
/**
 * `oneLine` (core/errors.ts) folds `\n` only, so a quoted word holding `\r`, U+2028 or U+2029 is echoed into a
 * message with its line break (reported; see the `fails` test below). Widen this to `/[\n\r\u2028\u2029]/` once
 * it folds those too.
 */
const LINE_BREAK = /[\n\r\u2028\u2029]/;
/** What a stack trace or a runtime error leaks into text: frames, file positions, error class names. */
const STACK_TEXT = /\sat\s+\S+\s+\(|\s+at\s+(?:file:|node:|\/)|\.[cm]?[jt]s:\d+|node_modules|\b(?:Type|Reference|Range|Syntax)Error\b/;

describe('the dispatcher, on 10,000 random lines each', () => {
  let h: BotHarness;
  let bot: Bot;
  /** What the bot logged at error level: an unexpected failure, or an audit row it could not write. */
  const loggedErrors: string[] = [];

  beforeAll(async () => {
    h = await openBotHarness({ tickers: TICKERS, admins: [ADMIN] });
    const logger = createLogger('error', { write: (line: string) => void loggedErrors.push(line) });
    const plenty = { burst: 1e9, perMinute: 1e9 };
    bot = createBot(h.services, { logger, limiter: new RateLimiter(h.app.store.rateLimits, { forecast: plenty, report: plenty, retrain: plenty }) });
  });
  afterAll(() => h.close());

  /** Runs `line` and checks what every answer must be; returns it for more checks. */
  async function answerTo(line: string, invocation: Invocation): Promise<CommandResult> {
    loggedErrors.length = 0;
    const result = await bot.runText(line, invocation);
    expect(Object.hasOwn(KINDS, result.kind), `kind ${String(result.kind)}`).toBe(true);
    if (result.kind === 'error') {
      expect(result.code).toMatch(/^[a-z][a-z_]*$/);
      expect(result.code, result.message).not.toBe('internal');
      expect(result.message.trim()).not.toBe('');
      expect(result.message).not.toMatch(LINE_BREAK);
      expect(result.message).not.toMatch(STACK_TEXT);
    }
    expect(loggedErrors.map((entry) => JSON.parse(entry) as { msg: string; err?: { message: string } }).map((entry) => `${entry.msg}: ${entry.err?.message}`)).toEqual([]);
    return result;
  }

  /** Where most lines come from: a member in one of a few channels and surfaces. Each run gets a fresh request id. */
  const PLACES = ['slack:C-ONE', 'slack:C-TWO', 'discord:D-1', 'terminal:tty'] as const;
  const place = fc.constantFrom(...PLACES);
  const member = (where: (typeof PLACES)[number]): Invocation => {
    const [surface, channel] = where.split(':') as ['slack' | 'discord' | 'terminal', string];
    return from(`${surface}:UFUZZ`, { channel, surface });
  };

  it('answers any unicode line with a valid result, never a crash or an internal error', async () => {
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 490, maxLength: 700 }) },
    );
    await fc.assert(fc.asyncProperty(line, place, async (text, where) => void (await answerTo(text, member(where)))), { numRuns: RUNS });
  }, LIMIT_MS);

  it('answers lines built from the real command words, tickers, numbers, quotes and junk with a valid result', async () => {
    await fc.assert(
      fc.asyncProperty(commandLine, place, fc.boolean(), async (text, where, asAdmin) => {
        // An admin gets past the role check into the handlers; a retrain is the one thing too slow to fuzz.
        const admin = asAdmin && !wordsOf(text).some((word) => word.toLowerCase() === 'retrain');
        await answerTo(text, admin ? from(ADMIN) : member(where));
      }),
      { numRuns: RUNS },
    );
  }, LIMIT_MS);

  it('answers every well-formed read-only command with its result, however it is cased, spaced or quoted', async () => {
    await fc.assert(
      fc.asyncProperty(readOnlyCommand.chain((command) => spelled(command.words).map((text) => ({ ...command, text }))), place, async ({ text, expect: expected }, where) => {
        const result = await answerTo(text, member(where));
        expect(result.kind, `${JSON.stringify(text)} → ${JSON.stringify(result)}`).toBe(expected.kind);
        if (result.kind === 'price') expect(result.ticker).toBe(expected.ticker);
        if (result.kind === 'forecast') expect([result.forecast.ticker, result.forecast.points.length]).toEqual([expected.ticker, expected.days]);
      }),
      // A valid command costs 3-12 ms on PGlite (the role, replay and budget checks, then the handler's reads).
      { numRuns: 2_000 },
    );
  }, LIMIT_MS);

  it('keeps a message on one line when a quoted word holds \\r or U+2028', async () => {
    for (const text of ['forecast AAPL "3\r"', 'forecast AAPL "3\u2028"', 'price "AA\u2029PL"']) {
      const result = await bot.runText(text, from('slack:UFUZZ'));
      expect(result.kind === 'error' && result.message).not.toMatch(/[\r\u2028\u2029]/);
    }
  });
});

function wordsOf(text: string): string[] {
  try {
    return tokenize(text.trim());
  } catch {
    return [];
  }
}

// ---- arbitraries ---------------------------------------------------------------------------------------------

const realTicker = fc.constantFrom(...TICKERS).chain((t) => fc.constantFrom(t, t.toLowerCase(), `$${t}`, ` ${t} `));
const junkTicker = fc.oneof(
  fc.constantFrom('NOPE', 'BRK-B', '^GSPC', 'EURUSD=X', 'A'.repeat(30), '$', '^', '-', '.', 'ß', 'ﬀ', 'İ', '٣', 'AAPL;drop table bars', "AAPL'--"),
  fc.stringMatching(/^[\^A-Za-z0-9.=$-]{1,12}$/),
);
const ticker = fc.oneof({ weight: 3, arbitrary: realTicker }, { weight: 2, arbitrary: junkTicker });
const number = fc.oneof(
  fc.integer({ min: -10, max: 10 }).map(String),
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('5d', '3 days', '+3', '0x10', '1e5', '1e-320', '1e400', '-0', '3.', '.5', '٣', '２', '2147483647', '2147483648', '99999999999', 'NaN', 'Infinity', '30%', '>30%', '≥', '>='),
);
const price = fc.oneof(number, fc.double({ min: 0.01, max: 1000, noNaN: true }).map((n) => n.toFixed(2)), fc.constantFrom('$200', '$', '200$'));
const sessions = fc.oneof(fc.integer({ min: 0, max: 70 }).map(String), fc.constantFrom('3d', '5days', '2sessions', 'd', '1.5d'));
const ruleWord = fc.constantFrom('above', 'below', 'move', 'within', 'prob', 'anomaly', 'quality', '%', '>', '>=', '≥', 'd', 'days', 'sessions', 'ABOVE', 'Within');
const email = fc.oneof(fc.emailAddress(), fc.constantFrom('ana@example.com', 'a@b', '@', 'x@@y.z', `${'a'.repeat(300)}@example.com`, 'ANA@EXAMPLE.COM'));
const version = fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }).map((n) => `v${n}`), fc.constantFrom('challenger', 'CHALLENGER', 'champion', 'v', 'v-1', 'V12'));
const flag = fc.constantFrom('--json', '-h', '--help', '--horizon=5', '—days', '--', '-');
const junk = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('\u0000', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u200b', '\ufeff', '\u2028', '\ud800', '😀', 'e\u0301', '<@U123>', '`code`', '*bold*', '\\', '${x}', '%s', 'x'.repeat(200)),
);
const anyWord = fc.oneof(ticker, number, ruleWord, email, version, flag, junk);

/** Mostly what belongs in a slot, now and then any other word. */
const slot = (fits: fc.Arbitrary<string>) => fc.oneof({ weight: 6, arbitrary: fits }, { weight: 1, arbitrary: anyWord });

/** `alert add` rules: each advertised form, with its slots sometimes filled wrongly and words sometimes left out. */
const alertRule: fc.Arbitrary<string[]> = fc
  .oneof(
    fc.tuple(slot(ticker), slot(fc.constantFrom('above', 'below', 'Above')), slot(price)),
    fc.tuple(slot(ticker), slot(fc.constant('move')), slot(number), fc.constantFrom('%', ''), slot(fc.constant('within')), slot(sessions)),
    fc.tuple(slot(ticker), slot(fc.constant('prob')), slot(fc.constantFrom('below', 'above')), slot(price), slot(fc.constant('within')), slot(sessions), fc.constantFrom('>', '>=', '≥', ''), slot(number), fc.constantFrom('%', '')),
    fc.tuple(slot(ticker), slot(fc.constant('anomaly')), fc.constantFrom('>', ''), slot(number)),
    fc.tuple(slot(ticker), slot(fc.constant('quality'))),
  )
  .map((words) => words.filter((w) => w !== ''))
  .chain((words) => fc.subarray(words, { minLength: Math.max(0, words.length - 2) }));

/** What each parameter takes, by name. */
function argument(name: string): fc.Arbitrary<string> {
  switch (name) {
    case 'ticker':
      return slot(ticker);
    case 'days':
    case 'id':
    case 'request':
      return slot(number);
    case 'version':
      return slot(version);
    case 'email':
      return slot(email);
    case 'topic':
      return slot(fc.constantFrom(...COMMANDS.map((c) => c.path[0]!), 'HELP', 'nope'));
    default:
      return anyWord;
  }
}

/** A command's words after its name: its parameters (some left out), and now and then one too many. */
function argumentsOf(command: CommandDefinition): fc.Arbitrary<string[]> {
  if (command.path.join(' ') === 'alert add') return alertRule;
  return fc
    .tuple(fc.tuple(...command.params.map((param) => argument(param.name))), fc.nat(command.params.length), fc.nat(7), anyWord)
    .map(([args, given, dice, extra]) => [...args.slice(0, given), ...(dice === 0 ? [extra] : [])]);
}

/** A word as people (and mangling clients) write it: bare, quoted, smart-quoted, rarely with a quote left open. */
const quotedWord = (inner: fc.Arbitrary<string>) =>
  fc.tuple(inner, fc.integer({ min: 0, max: 29 })).map(([w, dice]) => (dice < 20 ? w : dice < 24 ? `"${w}"` : dice < 27 ? `'${w}'` : dice < 29 ? `\u201c${w}\u201d` : `"${w}`));
const separator = fc.oneof({ weight: 6, arbitrary: fc.constant(' ') }, { weight: 1, arbitrary: fc.constantFrom('  ', '\t', '\n', '\r\n', '\u00a0', '\u3000', ' \u200b ') });
const casing = (w: string) => fc.constantFrom(w, w.toUpperCase(), w[0]!.toUpperCase() + w.slice(1));

const commandWords: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...COMMANDS).chain((command) => fc.tuple(fc.tuple(...command.path.map(casing)), argumentsOf(command)).map(([name, args]) => [...name, ...args])) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('model', 'alert', 'forcast', 'alert ad', 'modle status', 'helpp', '/forecast', ''), fc.array(anyWord, { maxLength: 4 })).map(([name, args]) => [name, ...args]) },
);
const commandLine = fc
  .tuple(commandWords.chain((words) => fc.tuple(...words.map((w) => quotedWord(fc.constant(w))))), fc.array(separator, { minLength: 8, maxLength: 8 }), fc.nat(30))
  .map(([words, seps, repeat]) => {
    const line = words.map((w, i) => `${w}${seps[i % seps.length]}`).join('');
    // Now and then the same command many times over, past the length limit.
    return repeat === 0 ? line.repeat(40) : line;
  });

/** A well-formed read-only command (a forecast too: without a model it only draws on stored bars) and what it answers. */
interface WellFormed {
  words: string[];
  expect: { kind: ResultKind; ticker?: string; days?: number };
}
const readOnlyCommand: fc.Arbitrary<WellFormed> = fc.oneof(
  fc.constant<WellFormed>({ words: ['help'], expect: { kind: 'help' } }),
  fc.constantFrom(...COMMANDS.map((c) => c.path[0]!), 'nothing-like-it').map((topic): WellFormed => ({ words: ['help', topic], expect: { kind: 'help' } })),
  fc.constant<WellFormed>({ words: ['alert', 'list'], expect: { kind: 'alertList' } }),
  fc.constant<WellFormed>({ words: ['model', 'status'], expect: { kind: 'modelStatus' } }),
  fc.option(realTicker, { nil: undefined }).map((t): WellFormed => ({ words: t ? ['report', t] : ['report'], expect: { kind: 'report' } })),
  realTicker.map((t): WellFormed => ({ words: ['price', t], expect: { kind: 'price', ticker: t.trim().replace('$', '').toUpperCase() } })),
  fc.tuple(realTicker, fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), fc.boolean()).map(([t, days, suffix]): WellFormed => ({
    words: days === undefined ? ['forecast', t] : ['forecast', t, `${days}${suffix ? 'd' : ''}`],
    expect: { kind: 'forecast', ticker: t.trim().replace('$', '').toUpperCase(), days: days ?? 5 },
  })),
);
/** The words, each cased (command words only), quoted or not, between any whitespace. */
function spelled(words: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(...words.map((w, i) => fc.tuple(i < 2 && !TICKERS.includes(w.trim().replace('$', '').toUpperCase()) ? casing(w) : fc.constant(w), fc.constantFrom('bare', 'double', 'single', 'smart'), fc.constantFrom(' ', '  ', '\t', '\n', '\u00a0'))))
    .map((parts) =>
      parts
        .map(([w, how, sep]) => {
          const bare = w.includes(' ') ? `"${w}"` : w;
          const quoted = how === 'double' ? `"${w}"` : how === 'single' ? `'${w}'` : how === 'smart' ? `\u201c${w}\u201d` : bare;
          return `${quoted}${sep}`;
        })
        .join(''),
    );
}
