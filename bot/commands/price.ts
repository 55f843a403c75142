import { z } from 'zod';
import { defineCommand } from '../command.ts';
import { tickerArg, tickerParam } from './args.ts';
import { recentCloses } from './recentCloses.ts';
import { CHART_HISTORY_SESSIONS } from './forecast.ts';

const YEAR_SESSIONS = 252;

export const priceCommand = defineCommand({
  path: ['price'],
  summary: 'the last close, 1- and 5-session change, 52-week range, and any data-quality hold',
  params: [tickerParam],
  schema: z.object({ ticker: tickerArg }),
  adminOnly: false,
  cost: null,
  examples: ['price TSLA'],
  async run({ ticker }, ctx) {
    const year = await recentCloses(ctx.services.store, ticker, YEAR_SESSIONS + 1);
    const last = year.at(-1)!;
    const change = (sessions: number) => {
      const before = year.at(-1 - sessions);
      return before ? last.close / before.close - 1 : null;
    };
    const closes = year.slice(-YEAR_SESSIONS).map((p) => p.close);
    const [verdict] = await ctx.services.store.quality.publishability(ticker);
    return {
      kind: 'price',
      ticker,
      asOf: last.date,
      close: last.close,
      change1d: change(1),
      change5d: change(5),
      high52w: Math.max(...closes),
      low52w: Math.min(...closes),
      qualityNote: verdict && !verdict.publishable ? (verdict.reason ?? 'held back by the quality gate') : null,
      history: year.slice(-CHART_HISTORY_SESSIONS),
    };
  },
});
