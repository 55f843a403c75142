import { sessionDate } from '../core/bars.ts';
import type { ModellingBar } from '../pipeline/quality/cleanForModelling.ts';

/**
 * One session of a ticker's recent daily series on the session grid: every session has a row, and `real` is false
 * where the row is a forward fill or a bar the quality gate condemned (placeholder, stale, bad values). Alerts read
 * prices and moves off real rows only, so a made-up bar can neither fire nor re-arm a rule.
 */
export interface RecentSession {
  date: string;
  /** Split-adjusted close: the price people quote and set levels against. */
  close: number;
  /** Dividend-adjusted too, where the source has it: returns are measured on this. */
  adjClose: number | null;
  volume: number;
  real: boolean;
}

/** The grid rows `cleanForModelling` makes, as alerts read them. */
export function recentSessions(bars: readonly ModellingBar[]): RecentSession[] {
  return bars.map((bar) => ({
    date: sessionDate(bar.ts),
    close: bar.close,
    adjClose: bar.adjClose,
    volume: bar.volume,
    real: !bar.filled && !bar.excluded,
  }));
}

/** Index of the newest real row, or -1. */
export function lastRealIndex(sessions: readonly RecentSession[]): number {
  for (let i = sessions.length - 1; i >= 0; i--) if (sessions[i]!.real) return i;
  return -1;
}
