import { z } from 'zod';
import { MAX_HORIZON } from '../../core/forecast.ts';
import { defineCommand } from '../command.ts';
import { integerArg, tickerArg, tickerParam } from './args.ts';
import { recentCloses } from './recentCloses.ts';

/** Sessions of history drawn before the forecast in charts. */
export const CHART_HISTORY_SESSIONS = 60;

export const forecastCommand = defineCommand({
  path: ['forecast'],
  summary: `the next 1..${MAX_HORIZON} sessions: median path, 80% and 95% intervals, whether the model has an edge, a chart`,
  params: [tickerParam, { name: 'days', description: `trading sessions ahead, 1..${MAX_HORIZON} (default ${MAX_HORIZON})`, type: 'integer', required: false }],
  schema: z.object({ ticker: tickerArg, days: integerArg(1, MAX_HORIZON, 'sessions').optional() }),
  adminOnly: false,
  cost: 'forecast',
  examples: ['forecast AAPL', 'forecast NVDA 3'],
  async run({ ticker, days }, ctx) {
    const forecast = await ctx.services.forecast(ticker, days ?? MAX_HORIZON);
    const history = await recentCloses(ctx.services.store, ticker, CHART_HISTORY_SESSIONS);
    return { kind: 'forecast', forecast, history };
  },
});
