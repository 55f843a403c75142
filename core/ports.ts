import type { Bar, Interval, UpsertCounts } from './bars.ts';

/**
 * Ports: what the core needs from the outside world. storage/, pipeline/ and the scheduler implement
 * them; app/wiring.ts is the one place that picks the implementations.
 */

export interface InstrumentInfo {
  ticker: string;
  name?: string | null;
  exchange?: string | null;
  currency?: string | null;
  kind?: 'equity' | 'etf' | 'index' | 'fx' | 'crypto' | null;
}

export interface BarQuery {
  from?: Date;
  to?: Date;
  /** Only the newest N bars (returned oldest first). */
  last?: number;
}

export interface PriceRepo {
  /** Create or refresh the instrument row; bars may only be stored for known instruments. */
  ensureInstrument(info: InstrumentInfo): Promise<void>;
  /**
   * Insert new bars and overwrite changed ones, keyed on (ticker, interval, ts). Re-running the same
   * load adds nothing and updates nothing. All-or-nothing: a failure leaves no partial rows.
   */
  upsertBars(ticker: string, interval: Interval, bars: readonly Bar[], runId?: number | null): Promise<UpsertCounts>;
  listBars(ticker: string, interval: Interval, query?: BarQuery): Promise<Bar[]>;
  lastBarTime(ticker: string, interval: Interval): Promise<Date | null>;
  countBars(ticker?: string, interval?: Interval): Promise<number>;
}
