import { ANOMALY_WINDOW, anomalyScores } from '../model/monitoring/anomalyScores.ts';
import { lastRealIndex, type RecentSession } from './recentSessions.ts';

export interface LastBarAnomaly {
  /** The session scored: the newest real one. */
  asOf: string;
  score: number;
  returnZ: number | null;
  volumeZ: number | null;
}

/** Sessions `lastBarAnomaly` looks at: the scored one, the window before it, and one more for the first return. */
export const ANOMALY_SESSIONS = ANOMALY_WINDOW + 2;

/**
 * The anomaly score of the newest real session against the `ANOMALY_WINDOW` sessions before it, computed the way the
 * model's anomaly signal computes it (model/modelSignals.ts): log returns of the adjusted close and volumes, with
 * made-up rows left out as missing values. Unlike that signal it never shrinks the window for a short history: an
 * alert is pushed to people, and a score against a handful of sessions would fire on any new ticker. Null when the
 * newest real session has no full window behind it (or too much of it is missing).
 */
export function lastBarAnomaly(sessions: readonly RecentSession[]): LastBarAnomaly | null {
  const origin = lastRealIndex(sessions);
  if (origin < 1) return null;
  const start = Math.max(0, origin - ANOMALY_WINDOW - 1);
  const logReturns: number[] = [];
  const volumes: number[] = [];
  for (let i = start + 1; i <= origin; i++) {
    const today = sessions[i]!;
    const before = sessions[i - 1]!;
    logReturns.push(today.real && before.real ? Math.log(price(today) / price(before)) : Number.NaN);
    volumes.push(today.real ? today.volume : Number.NaN);
  }
  const scored = anomalyScores(logReturns, volumes, ANOMALY_WINDOW).at(-1) ?? null;
  return scored === null ? null : { asOf: sessions[origin]!.date, ...scored };
}

function price(session: RecentSession): number {
  return session.adjClose ?? session.close;
}
