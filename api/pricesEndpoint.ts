import { z } from 'zod';
import { INTERVALS } from '../core/bars.ts';
import { UserError, unknownTicker } from '../core/errors.ts';
import { pricesJson } from '../render/pricesJson.ts';
import type { ApiEndpoint } from './apiEndpoint.ts';
import { isoDate, parseQuery, tickerParam, wholeNumber } from './queryParams.ts';

export const DEFAULT_PRICE_ROWS = 100;
export const MAX_PRICE_ROWS = 5000;
const DAY_MS = 86_400_000;

const pricesQuery = z
  .strictObject({
    last: wholeNumber(1, MAX_PRICE_ROWS).optional(),
    interval: z.enum(INTERVALS, { error: (issue) => `'${String(issue.input)}' is not one of ${INTERVALS.join(', ')}` }).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { error: 'must not be after to', path: ['from'] });

/**
 * `GET /api/prices/:ticker?last=N&interval=1d&from=D&to=D`: the document `tickcast prices --json` prints, the newest
 * `last` bars between the dates (both included, whole days), oldest first.
 */
export const pricesEndpoint: ApiEndpoint = {
  pattern: '/api/prices/:ticker',
  scope: 'read',
  async answer({ params, query }, deps) {
    const ticker = tickerParam(params.ticker ?? '');
    const q = parseQuery(pricesQuery, query);
    const interval = q.interval ?? '1d';
    const bars = await deps.store.prices.listBars(ticker, interval, {
      last: q.last ?? DEFAULT_PRICE_ROWS,
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: new Date(q.to.getTime() + DAY_MS - 1) } : {}),
    });
    // An empty window of a known series is an answer; a series never loaded is not.
    if (bars.length === 0 && !(await deps.store.prices.lastBarTime(ticker, interval))) {
      throw interval === '1d' ? unknownTicker(ticker) : new UserError('unknown_ticker', `no ${interval} bars stored for ${ticker}`);
    }
    return pricesJson(ticker, interval, bars);
  },
};
