import { z } from 'zod';
import { MAX_HORIZON } from '../core/forecast.ts';
import type { ApiEndpoint } from './apiEndpoint.ts';
import { parseQuery, tickerParam, wholeNumber } from './queryParams.ts';

const forecastQuery = z.strictObject({ horizon: wholeNumber(1, MAX_HORIZON).optional() });

/** `GET /api/forecast/:ticker?horizon=N`: the document `tickcast forecast TICKER --json` prints. */
export const forecastEndpoint: ApiEndpoint = {
  pattern: '/api/forecast/:ticker',
  scope: 'read',
  async answer({ params, query }, deps) {
    const ticker = tickerParam(params.ticker ?? '');
    const { horizon } = parseQuery(forecastQuery, query);
    return deps.forecast(ticker, horizon ?? MAX_HORIZON);
  },
};
