import type { Bar, Interval } from '../../core/bars.ts';
import type { Finding } from '../../core/quality.ts';
import { regularSessionAt } from '../calendar/regularSessionAt.ts';
import { isFlatBar } from './barPredicates.ts';
import { formatBarTime, formatPercent, formatUnsignedPercent } from './detailFormat.ts';
import { INTERVAL_MINUTES } from './intervalMinutes.ts';
import { makeFinding } from './makeFinding.ts';
import type { SeriesContext } from './makeFinding.ts';
import {
  OUTLIER_MIN_ABS_LOG_RETURN, OUTLIER_MIN_HISTORY, OUTLIER_SIGMA_K, OUTLIER_WINDOW, VOLUME_CONFIRMATION_RATIO,
} from './qualityThresholds.ts';
import { madSigma, median } from './robustStats.ts';

interface ReturnPoint {
  bar: Bar;
  logReturn: number;
}

/** Returns use adj_close where there is one, so an ex-dividend day is not a loss. */
function priceOf(bar: Bar): number {
  return bar.adjClose ?? bar.close;
}

/**
 * Log returns between consecutive priced bars. Flat zero-volume bars are skipped (no trade, no price). Intraday,
 * only returns inside one session's regular hours count: the overnight gap and thin pre-market prints are a
 * different distribution from minute-to-minute moves.
 */
function returnPoints(interval: Interval, sorted: readonly Bar[]): ReturnPoint[] {
  const priced = sorted.filter((bar) => !(isFlatBar(bar) && bar.volume === 0));
  const sessionOf = (bar: Bar) => (interval === '1d' ? 'daily' : regularSessionAt(bar.ts, INTERVAL_MINUTES[interval]));
  const sessions = priced.map(sessionOf);
  const points: ReturnPoint[] = [];
  for (let i = 1; i < priced.length; i++) {
    if (sessions[i] === null || sessions[i] !== sessions[i - 1]) continue;
    points.push({ bar: priced[i]!, logReturn: Math.log(priceOf(priced[i]!) / priceOf(priced[i - 1]!)) });
  }
  return points;
}

interface OutlierScore {
  sigmas: number;
  sigma: number;
  volumeRatio: number;
}

/** How far `point` lies from its trailing window, in robust sigmas, and how its volume compares. */
function scoreAgainst(point: ReturnPoint, window: readonly ReturnPoint[]): OutlierScore {
  const returns = window.map((p) => p.logReturn);
  const center = median(returns);
  const sigma = madSigma(returns, center);
  const distance = Math.abs(point.logReturn - center);
  const medianVolume = median(window.map((p) => p.bar.volume));
  return {
    sigmas: sigma > 0 ? distance / sigma : distance > 0 ? Infinity : 0,
    sigma,
    volumeRatio: medianVolume > 0 ? point.bar.volume / medianVolume : point.bar.volume > 0 ? Infinity : 0,
  };
}

function outlierFinding(series: SeriesContext, point: ReturnPoint, score: OutlierScore): Finding {
  const confirmed = score.volumeRatio >= VOLUME_CONFIRMATION_RATIO;
  const verdict = confirmed ? 'confirmed by trading, likely real news' : 'not confirmed by volume, check the price';
  const detail = `return ${formatPercent(Math.expm1(point.logReturn))} at ${formatBarTime(series.interval, point.bar.ts)} `
    + `is ${score.sigmas.toFixed(1)} robust sigmas from normal (trailing sigma ${formatUnsignedPercent(score.sigma)}); `
    + `volume is ${score.volumeRatio.toFixed(1)}x its trailing median, ${verdict}.`;
  return makeFinding(series, point.bar.ts, 'outlier_return', confirmed ? 'info' : 'warning', detail, {
    logReturn: point.logReturn, sigmas: score.sigmas, sigma: score.sigma, volumeRatio: score.volumeRatio, confirmed,
  });
}

/**
 * Outlier returns: |log return − trailing median| beyond OUTLIER_SIGMA_K robust sigmas of the trailing window
 * (and beyond an absolute floor). Info when volume spiked too (a real event), warning when it did not (a bad tick).
 */
export function checkOutlierReturns(series: SeriesContext, sorted: readonly Bar[]): Finding[] {
  const points = returnPoints(series.interval, sorted);
  const findings: Finding[] = [];
  for (let i = OUTLIER_MIN_HISTORY; i < points.length; i++) {
    const point = points[i]!;
    if (Math.abs(point.logReturn) < OUTLIER_MIN_ABS_LOG_RETURN[series.interval]) continue;
    const score = scoreAgainst(point, points.slice(Math.max(0, i - OUTLIER_WINDOW), i));
    if (score.sigmas > OUTLIER_SIGMA_K) findings.push(outlierFinding(series, point, score));
  }
  return findings;
}
