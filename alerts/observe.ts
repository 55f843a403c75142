import type { AlertCondition, AlertObservation } from '../core/alerts.ts';
import { crossingProbability, type ForecastQuantiles } from './crossingProbability.ts';
import type { LastBarAnomaly } from './lastBarAnomaly.ts';
import { lastRealIndex, type RecentSession } from './recentSessions.ts';

/** The newest stored forecast of a ticker, as far as alerts read it. */
export interface ForecastForAlerts {
  asOf: string;
  modelVersion: string | null;
  /** False: the points are the random-walk + volatility fallback, not the model's own. */
  edge: boolean;
  points: readonly ForecastQuantiles[];
}

export interface QualityVerdict {
  publishable: boolean;
  reason: string | null;
}

/** What one ticker's rules are observed against; each part is null where the store has none. */
export interface ObservationInputs {
  /** Recent daily sessions on the session grid, oldest first (see `recentSessions`). */
  sessions: readonly RecentSession[];
  forecast: ForecastForAlerts | null;
  anomaly: LastBarAnomaly | null;
  quality: QualityVerdict | null;
}

/**
 * The rule's condition checked against the latest data, or null when the data to check it is missing (no real
 * bar, too short a history, no forecast reaching far enough, no anomaly score, no quality verdict): a rule that
 * cannot be observed neither fires nor re-arms.
 */
export function observe(condition: AlertCondition, inputs: ObservationInputs): AlertObservation | null {
  switch (condition.kind) {
    case 'price_above':
    case 'price_below':
      return observePrice(condition, inputs.sessions);
    case 'pct_move':
      return observeMove(condition, inputs.sessions);
    case 'forecast_prob':
      return inputs.forecast && observeForecast(condition, inputs.forecast);
    case 'anomaly':
      return inputs.anomaly && observeAnomaly(condition, inputs.anomaly);
    case 'quality':
      return inputs.quality && observeQuality(inputs.quality, inputs.sessions);
  }
}

type ConditionOf<K extends AlertCondition['kind']> = Extract<AlertCondition, { kind: K }>;

export function observePrice(condition: ConditionOf<'price_above' | 'price_below'>, sessions: readonly RecentSession[]): AlertObservation | null {
  const last = sessions[lastRealIndex(sessions)];
  if (!last) return null;
  const above = condition.kind === 'price_above';
  const holds = above ? last.close >= condition.level : last.close <= condition.level;
  const relation = holds ? (above ? 'at or above' : 'at or below') : above ? 'below' : 'above';
  return { holds, asOf: last.date, value: last.close, detail: `closed at ${figure(last.close)} on ${last.date}, ${relation} ${figure(condition.level)}` };
}

/** The move from the close `sessions` sessions back (on the session grid) to the newest real close. */
export function observeMove(condition: ConditionOf<'pct_move'>, sessions: readonly RecentSession[]): AlertObservation | null {
  const origin = lastRealIndex(sessions);
  const last = sessions[origin];
  const base = sessions[origin - condition.sessions];
  if (!last || !base) return null;
  const move = (last.close / base.close - 1) * 100;
  const holds = Math.abs(move) >= condition.percent;
  const signed = `${move >= 0 ? '+' : ''}${figure(move, 3)}%`;
  return {
    holds,
    asOf: last.date,
    value: move,
    detail: `${signed} from ${figure(base.close)} on ${base.date} to ${figure(last.close)} on ${last.date}`,
  };
}

/** The forecast's chance of a close beyond the level within the window; see `crossingProbability` for what it bounds. */
export function observeForecast(condition: ConditionOf<'forecast_prob'>, forecast: ForecastForAlerts): AlertObservation | null {
  if (forecast.points.length < condition.within || !forecast.points.slice(0, condition.within).every(isUsablePoint)) return null;
  const { probability, horizon } = crossingProbability(forecast.points, condition.side, condition.level, condition.within);
  const source = forecast.edge ? `model ${forecast.modelVersion ?? 'none'}` : 'random-walk band, the model has no edge';
  return {
    holds: probability >= condition.probability,
    asOf: forecast.asOf,
    value: probability,
    detail: `P(close ${condition.side} ${figure(condition.level)}) is ${percent(probability)} at ${horizon === 1 ? '1 session' : `${horizon} sessions`} ahead (forecast from ${forecast.asOf}, ${source})`,
  };
}

export function observeAnomaly(condition: ConditionOf<'anomaly'>, anomaly: LastBarAnomaly): AlertObservation {
  const parts = [
    anomaly.returnZ == null ? null : `return z ${figure(anomaly.returnZ, 3)}`,
    anomaly.volumeZ == null ? null : `volume z ${figure(anomaly.volumeZ, 3)}`,
  ].filter((part) => part !== null);
  return {
    holds: anomaly.score >= condition.threshold,
    asOf: anomaly.asOf,
    value: anomaly.score,
    detail: `anomaly score ${figure(anomaly.score, 3)} on ${anomaly.asOf} (${parts.join(', ')})`,
  };
}

/** The verdict is about the series as of its newest bar; with no bar at all, there is nothing to date it by. */
export function observeQuality(verdict: QualityVerdict, sessions: readonly RecentSession[]): AlertObservation | null {
  const last = sessions.at(-1);
  if (!last) return null;
  return {
    holds: !verdict.publishable,
    asOf: last.date,
    value: null,
    detail: verdict.publishable ? 'the daily series passes the quality gate' : `the daily series fails the quality gate: ${verdict.reason ?? 'no reason recorded'}`,
  };
}

function isUsablePoint(point: ForecastQuantiles): boolean {
  return [point.p025, point.p10, point.p50, point.p90, point.p975].every((value) => Number.isFinite(value) && value > 0);
}

/** A number for people: a few significant digits, no float noise, no exponent for everyday prices. */
function figure(value: number, digits = 6): string {
  return String(Number(value.toPrecision(digits)));
}

/** Three significant digits, but nothing smaller than 0.01% is shown as such: `<0.01%` reads better than `9.13e-82%`. */
function percent(probability: number): string {
  if (probability > 0 && probability < 0.0001) return '<0.01%';
  if (probability < 1 && probability > 0.9999) return '>99.99%';
  return `${figure(probability * 100, 3)}%`;
}
