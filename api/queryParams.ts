import { z } from 'zod';
import { isTicker } from '../core/bars.ts';
import { badRequest, quoted } from './apiError.ts';

/**
 * Query strings and path parameters, checked with zod at the edge. Every refusal is a 400 `bad_request` whose
 * message starts with the parameter's name.
 */

/** A whole number in `min..max`, written plainly (`5`, not `5.0` or `+5`). */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d{1,10}$/, { error: (issue) => `${quoted(String(issue.input))} is not a whole number` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { error: (issue) => `${String(issue.input)} is outside ${min}..${max}` });
}

/** A calendar date, `YYYY-MM-DD`, as midnight UTC. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: (issue) => `${quoted(String(issue.input))} is not a date (YYYY-MM-DD)` })
  .transform((text) => ({ text, date: new Date(`${text}T00:00:00Z`) }))
  .refine(({ text, date }) => !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text, { error: (issue) => `${quoted(String((issue.input as { text: string }).text))} is not a real date` })
  .transform(({ date }) => date);

/** The query string against `schema` (a `z.strictObject`): a repeated or unknown parameter is refused by name. */
export function parseQuery<T>(schema: z.ZodType<T>, search: URLSearchParams): T {
  const values = new Map<string, string>();
  for (const [name, value] of search) {
    if (values.has(name)) throw badRequest(name, 'given more than once');
    values.set(name, value);
  }
  const parsed = schema.safeParse(Object.fromEntries(values));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(schema);
    throw badRequest(quoted(issue.keys[0] ?? ''), `unknown parameter; ${known.length ? `this endpoint takes ${known.join(', ')}` : 'this endpoint takes none'}`);
  }
  throw badRequest(String(issue.path[0] ?? 'query'), issue.message);
}

function knownKeys(schema: z.ZodType): string[] {
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

/** A ticker from the path: percent-decoded, upper-cased (`aapl` is AAPL, `%5EGSPC` is ^GSPC). */
export function tickerParam(raw: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    throw badRequest('ticker', `${quoted(raw)} is not valid percent-encoding`);
  }
  const ticker = decoded.trim().toUpperCase();
  if (!isTicker(ticker)) throw badRequest('ticker', `${quoted(decoded)} is not a ticker symbol (e.g. AAPL, BRK-B, ^GSPC)`);
  return ticker;
}
