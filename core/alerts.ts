import type { ChannelRef } from './chat.ts';

/**
 * Alert rules and the events they fire. A rule fires once per crossing: firing disarms it, and it re-arms only
 * when its condition clears. Evaluation lives in alerts/; rendering in each surface.
 */
export const ALERT_KINDS = ['price_above', 'price_below', 'pct_move', 'forecast_prob', 'anomaly', 'quality'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export type AlertCondition =
  /** The last close is at or above `level`. */
  | { kind: 'price_above'; level: number }
  /** The last close is at or below `level`. */
  | { kind: 'price_below'; level: number }
  /** The close moved by at least `percent` (either way) over the last `sessions` sessions. */
  | { kind: 'pct_move'; percent: number; sessions: number }
  /**
   * The latest forecast gives the close at least `probability` (a fraction, 0.3 for 30%) of being below (or above)
   * `level` on some session within the next `within` sessions.
   */
  | { kind: 'forecast_prob'; side: 'below' | 'above'; level: number; within: number; probability: number }
  /** The last bar's anomaly score (robust z of return and volume) is at least `threshold`. */
  | { kind: 'anomaly'; threshold: number }
  /** The quality gate marks the ticker's daily series unpublishable. */
  | { kind: 'quality' };

export interface AlertRule {
  id: number;
  ticker: string;
  condition: AlertCondition;
  channel: ChannelRef;
  createdBy: string;
  createdAt: Date;
  active: boolean;
  /** Armed: the next time the condition holds, the rule fires. */
  armed: boolean;
  lastEvaluatedAt: Date | null;
}

export interface NewAlertRule {
  ticker: string;
  condition: AlertCondition;
  channel: ChannelRef;
  createdBy: string;
  armed: boolean;
}

/** One rule checked against the latest data. */
export interface AlertObservation {
  holds: boolean;
  /** The session (or forecast origin) the observation is about, `YYYY-MM-DD`. */
  asOf: string;
  /** The observed figure: the close, the move, the probability, the score; null for quality. */
  value: number | null;
  /** One line for people: what was seen. */
  detail: string;
}

/** A rule that fired. */
export interface AlertEvent {
  id: number;
  ruleId: number;
  ticker: string;
  condition: AlertCondition;
  channel: ChannelRef;
  asOf: string;
  value: number | null;
  detail: string;
  firedAt: Date;
}

export interface AlertQuery {
  channel?: ChannelRef;
  ticker?: string;
  /** Removed rules are left out unless asked for. */
  includeInactive?: boolean;
}

export interface AlertRepo {
  create(rule: NewAlertRule): Promise<AlertRule>;
  find(id: number): Promise<AlertRule | null>;
  list(query?: AlertQuery): Promise<AlertRule[]>;
  /** Removes a rule from evaluation (kept for the record); false when there was no active rule with that id. */
  deactivate(id: number): Promise<boolean>;
  /** Disarms an armed rule; true only for the one call that disarmed it, so concurrent evaluations fire once. */
  disarm(id: number, at: Date): Promise<boolean>;
  /** Re-arms a disarmed rule; true when this call re-armed it. */
  rearm(id: number, at: Date): Promise<boolean>;
  touch(ids: readonly number[], at: Date): Promise<void>;
  /** Records a firing; null when an event with the same dedupe key exists (the same crossing seen twice). */
  recordEvent(event: Omit<AlertEvent, 'id' | 'firedAt'> & { dedupeKey: string }): Promise<AlertEvent | null>;
  events(query?: { since?: Date; ruleId?: number; limit?: number }): Promise<AlertEvent[]>;
}
