import type { Bar, Interval } from '../../core/bars.ts';
import { atr } from './atr.ts';
import { bollinger } from './bollinger.ts';
import { ema } from './ema.ts';
import type { IntradayFeatureName } from './featureNames.ts';
import { macd } from './macd.ts';
import { momentum } from './momentum.ts';
import { newYorkDates } from './newYorkDates.ts';
import { logReturns, simpleReturns } from './returns.ts';
import { rollingStd } from './rollingStd.ts';
import { rollingZScore } from './rollingZScore.ts';
import { rsi } from './rsi.ts';
import { emptySeries, type Series } from './series.ts';
import { sessionVwap } from './sessionVwap.ts';
import { sma } from './sma.ts';

export interface FeatureOptions {
  /** '1d' (default): `date` is the session date and `vwap` is null. Intraday: New York dates and session VWAP. */
  interval?: Interval;
}

export type FeatureColumns = Record<IntradayFeatureName, Series>;

/**
 * One row of `tickcast features`: `date` is the session date `YYYY-MM-DD` (New York date for intraday bars), `ts`
 * the bar start as ISO 8601 UTC. Every feature is null until its window is full (see FEATURE_WARMUP).
 */
export type FeatureRow = { date: string; ts: string; close: number } & Record<
  Exclude<IntradayFeatureName, 'close'>,
  number | null
>;

/** Features of bars in ascending time order, one row per bar. Row i depends on bars 0..i only. */
export function computeFeatures(bars: readonly Bar[], options: FeatureOptions = {}): FeatureRow[] {
  const intraday = isIntraday(options);
  const stamps = bars.map((bar) => bar.ts.toISOString());
  // A daily bar's ts is midnight UTC of its session, so its date is the stamp's first 10 characters (sessionDate).
  const dates = intraday ? newYorkDates(bars.map((bar) => bar.ts)) : stamps.map((stamp) => stamp.slice(0, 10));
  const columns = featureColumns(bars, intraday ? dates : null);
  return bars.map((bar, i) => featureRow(dates[i]!, stamps[i]!, bar, columns, i));
}

/** Spelled out rather than looped over the names: one literal shape builds several times faster than
 * dynamic keys (they push V8 into dictionary-mode objects). */
function featureRow(date: string, ts: string, bar: Bar, c: FeatureColumns, i: number): FeatureRow {
  return {
    date,
    ts,
    close: bar.close,
    ret: c.ret[i] ?? null,
    logret: c.logret[i] ?? null,
    sma_7: c.sma_7[i] ?? null,
    sma_30: c.sma_30[i] ?? null,
    sma_50: c.sma_50[i] ?? null,
    sma_200: c.sma_200[i] ?? null,
    ema_12: c.ema_12[i] ?? null,
    ema_26: c.ema_26[i] ?? null,
    vol_10: c.vol_10[i] ?? null,
    vol_30: c.vol_30[i] ?? null,
    rsi_14: c.rsi_14[i] ?? null,
    macd: c.macd[i] ?? null,
    macd_signal: c.macd_signal[i] ?? null,
    macd_hist: c.macd_hist[i] ?? null,
    bb_pctb: c.bb_pctb[i] ?? null,
    bb_width: c.bb_width[i] ?? null,
    atr_14: c.atr_14[i] ?? null,
    momentum_10: c.momentum_10[i] ?? null,
    volume_z_20: c.volume_z_20[i] ?? null,
    vwap: c.vwap[i] ?? null,
  };
}

/** The same features as columns (what a model's windowing wants), without building row objects. */
export function computeFeatureColumns(bars: readonly Bar[], options: FeatureOptions = {}): FeatureColumns {
  return featureColumns(bars, isIntraday(options) ? newYorkDates(bars.map((bar) => bar.ts)) : null);
}

function isIntraday(options: FeatureOptions): boolean {
  return (options.interval ?? '1d') !== '1d';
}

/** Price indicators read the split-adjusted close; returns and volatility read adj_close (see returns.ts). */
function featureColumns(bars: readonly Bar[], sessions: readonly string[] | null): FeatureColumns {
  const closes = bars.map((bar) => bar.close);
  const logret = logReturns(bars);
  const convergence = macd(closes, 12, 26, 9);
  const bands = bollinger(closes, 20, 2);
  return {
    close: closes,
    ret: simpleReturns(bars),
    logret,
    sma_7: sma(closes, 7),
    sma_30: sma(closes, 30),
    sma_50: sma(closes, 50),
    sma_200: sma(closes, 200),
    ema_12: ema(closes, 12),
    ema_26: ema(closes, 26),
    vol_10: rollingStd(logret, 10, 1),
    vol_30: rollingStd(logret, 30, 1),
    rsi_14: rsi(closes, 14),
    macd: convergence.macd,
    macd_signal: convergence.signal,
    macd_hist: convergence.hist,
    bb_pctb: bands.pctB,
    bb_width: bands.bandwidth,
    atr_14: atr(bars, 14),
    momentum_10: momentum(closes, 10),
    volume_z_20: rollingZScore(
      bars.map((bar) => bar.volume),
      20,
      1,
    ),
    vwap: sessions ? sessionVwap(bars, sessions) : emptySeries(bars.length),
  };
}
