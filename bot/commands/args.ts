import { z } from 'zod';
import { isTicker } from '../../core/bars.ts';
import type { ParamSpec } from '../command.ts';

/** Argument schemas shared by the commands: raw strings in, typed values out, messages people can act on. */

export const tickerArg = z
  .string({ error: 'a ticker symbol is required, e.g. AAPL' })
  .transform((raw) => raw.trim().toUpperCase().replace(/^\$/, ''))
  .refine(isTicker, { error: (issue) => `'${String(issue.input)}' is not a ticker symbol (letters, digits, . - = ^, e.g. AAPL, BRK-B, ^GSPC)` });

/** A whole number in `min..max`; counts of sessions may be written `5d`, as people do. */
export function integerArg(min: number, max: number, unit: 'sessions' | null = null) {
  const pattern = unit === 'sessions' ? /^\+?\d{1,10}d?$/i : /^\+?\d{1,10}$/;
  return z
    .string()
    .regex(pattern, { error: (issue) => `'${String(issue.input)}' is not a whole number` })
    .transform((raw) => Number.parseInt(raw.replace(/^\+/, ''), 10))
    .refine((n) => n >= min && n <= max, { error: `must be ${min}..${max}${unit ? ` ${unit}` : ''}` });
}

export const tickerParam: ParamSpec = { name: 'ticker', display: 'TICKER', description: 'ticker symbol, e.g. AAPL', type: 'string', required: true };
