import { z } from 'zod';
import type { Bar, Interval } from '../../core/bars.ts';
import type { InstrumentInfo } from '../../core/ports.ts';
import type { Finding } from '../../core/quality.ts';
import { sessionStartUtc } from './exchangeSessionDate.ts';

/** The part of yahoo-finance2's `chart()` answer tickcast relies on, checked at the edge. */
const quoteSchema = z.object({
  date: z.date(),
  open: z.number().nullish(),
  high: z.number().nullish(),
  low: z.number().nullish(),
  close: z.number().nullish(),
  volume: z.number().nullish(),
  adjclose: z.number().nullish(),
});
export const yahooChartSchema = z.object({
  meta: z.object({
    currency: z.string().nullish(),
    exchangeName: z.string().nullish(),
    fullExchangeName: z.string().nullish(),
    instrumentType: z.string().nullish(),
    exchangeTimezoneName: z.string().nullish(),
    gmtoffset: z.number().nullish(),
    longName: z.string().nullish(),
    shortName: z.string().nullish(),
  }),
  quotes: z.array(quoteSchema),
});
export type YahooChart = z.infer<typeof yahooChartSchema>;
type YahooQuote = z.infer<typeof quoteSchema>;
type YahooMeta = YahooChart['meta'];

const KIND_BY_INSTRUMENT_TYPE: Readonly<Record<string, NonNullable<InstrumentInfo['kind']>>> = {
  EQUITY: 'equity', ETF: 'etf', INDEX: 'index', CURRENCY: 'fx', CRYPTOCURRENCY: 'crypto',
};
const PRICE_FIELDS = ['open', 'high', 'low', 'close', 'volume'] as const;

export function yahooInstrument(ticker: string, meta: YahooMeta): InstrumentInfo {
  return {
    ticker,
    name: meta.longName ?? meta.shortName ?? null,
    exchange: meta.fullExchangeName ?? meta.exchangeName ?? null,
    currency: meta.currency ?? null,
    kind: KIND_BY_INSTRUMENT_TYPE[meta.instrumentType ?? ''] ?? null,
  };
}

/**
 * Bars from chart() quotes, oldest first and one per `ts` (windows may overlap and Yahoo repeats the live bar).
 * Daily bars move to midnight UTC of their session date; a row with a null value is no bar but a finding.
 */
export function yahooQuotesToBars(ticker: string, interval: Interval, chart: YahooChart): { bars: Bar[]; dropped: Finding[] } {
  const barByTime = new Map<number, Bar>();
  const dropped: Finding[] = [];
  for (const quote of chart.quotes) {
    const ts = interval === '1d' ? sessionStartUtc(quote.date, chart.meta.exchangeTimezoneName ?? undefined, chart.meta.gmtoffset ?? 0) : quote.date;
    const missing = PRICE_FIELDS.filter((field) => quote[field] == null);
    if (missing.length > 0) dropped.push(nullQuoteFinding(ticker, interval, ts, missing));
    else barByTime.set(ts.getTime(), toBar(quote, ts, interval));
  }
  const bars = [...barByTime.values()].sort((a, b) => a.ts.getTime() - b.ts.getTime());
  return { bars, dropped };
}

function toBar(quote: YahooQuote, ts: Date, interval: Interval): Bar {
  return {
    ts,
    open: quote.open!,
    high: quote.high!,
    low: quote.low!,
    close: quote.close!,
    adjClose: interval === '1d' ? (quote.adjclose ?? null) : null,
    volume: quote.volume!,
  };
}

function nullQuoteFinding(ticker: string, interval: Interval, ts: Date, missing: readonly string[]): Finding {
  const when = interval === '1d' ? ts.toISOString().slice(0, 10) : ts.toISOString();
  return {
    ticker,
    interval,
    ts,
    kind: 'bad_value',
    severity: 'warning',
    detail: `Yahoo returned null ${missing.join(', ')} for ${when}; bar dropped`,
    data: { source: 'yahoo', missing },
  };
}
