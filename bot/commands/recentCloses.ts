import { sessionDate } from '../../core/bars.ts';
import { unknownTicker } from '../../core/errors.ts';
import type { Repos } from '../../core/ports.ts';
import type { ClosePoint } from '../results.ts';

/** The last `sessions` daily closes of a ticker, oldest first; an unknown ticker is a user error. */
export async function recentCloses(repos: Repos, ticker: string, sessions: number): Promise<ClosePoint[]> {
  const bars = await repos.prices.listBars(ticker, '1d', { last: sessions });
  if (bars.length === 0) throw unknownTicker(ticker);
  return bars.map((bar) => ({ date: sessionDate(bar.ts), close: bar.close }));
}
