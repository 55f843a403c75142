import type { Bar } from '../../core/bars.ts';
import { OHLC_RANGE_TOLERANCE } from './qualityThresholds.ts';

export function hasValidTime(bar: Bar): boolean {
  return bar.ts instanceof Date && !Number.isNaN(bar.ts.getTime());
}

function isPositivePrice(value: number): boolean {
  return Number.isFinite(value) && value > 0;
}

/** Every number is usable: prices finite and positive, volume finite and not negative. */
export function hasValidValues(bar: Bar): boolean {
  return [bar.open, bar.high, bar.low, bar.close].every(isPositivePrice)
    && (bar.adjClose === null || isPositivePrice(bar.adjClose))
    && Number.isFinite(bar.volume) && bar.volume >= 0;
}

/** Whether `price` lies in [low, high], give or take the rounding slack sources leave. */
export function isWithinRange(price: number, bar: Bar): boolean {
  return price >= bar.low * (1 - OHLC_RANGE_TOLERANCE) && price <= bar.high * (1 + OHLC_RANGE_TOLERANCE);
}

/**
 * A bar no blocking check objects to. Series checks (returns, placeholders, staleness) look only at these, so one
 * NaN is reported once, as a bad value, instead of again as an outlier return and a divergence.
 */
export function isSoundBar(bar: Bar): boolean {
  return hasValidTime(bar) && hasValidValues(bar) && bar.high >= bar.low
    && isWithinRange(bar.open, bar) && isWithinRange(bar.close, bar);
}

/** O=H=L=C: one price all bar long (a single trade, or none). */
export function isFlatBar(bar: Bar): boolean {
  return bar.open === bar.high && bar.high === bar.low && bar.low === bar.close;
}

export function sameOhlcv(a: Bar, b: Bar): boolean {
  return a.open === b.open && a.high === b.high && a.low === b.low && a.close === b.close && a.volume === b.volume;
}
