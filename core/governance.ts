import type { EvaluationRow } from './model.ts';

/** Roles, the two-person rule for promotions, the audit log, and replay protection for chat requests. */

export type Role = 'admin' | 'member';

export interface UserRecord {
  id: string;
  displayName: string | null;
  role: Role;
  createdAt: Date;
}

export interface UserRepo {
  /** `admin` when any of the ids (a person's id and their platform roles) is an admin in the database. */
  roleOf(ids: readonly string[]): Promise<Role>;
  setRole(id: string, role: Role, displayName?: string | null): Promise<void>;
  list(): Promise<UserRecord[]>;
}

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed', 'pending'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export interface AuditEntry {
  actor: string;
  /** e.g. `model.promote`, `model.approve`, `model.rollback`, `model.retrain`. */
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown> | null;
}

export interface StoredAuditEntry extends AuditEntry {
  id: number;
  at: Date;
}

export interface AuditRepo {
  record(entry: AuditEntry): Promise<StoredAuditEntry>;
  /** Newest first. */
  list(query?: { limit?: number; actor?: string; action?: string }): Promise<StoredAuditEntry[]>;
}

/** The figures a promotion request shows: candidate vs champion vs the random walk, one session ahead, pooled. */
export interface PromotionComparison {
  candidate: EvaluationRow | null;
  champion: EvaluationRow | null;
  naive: EvaluationRow | null;
  championVersion: string | null;
  gate: { passed: boolean; checks: { name: string; passed: boolean; detail: string }[] };
}

export const PROMOTION_STATES = ['pending', 'approved', 'rejected', 'expired'] as const;
export type PromotionState = (typeof PROMOTION_STATES)[number];

export interface PromotionRequest {
  id: number;
  version: string;
  requestedBy: string;
  requestedAt: Date;
  state: PromotionState;
  decidedBy: string | null;
  decidedAt: Date | null;
  comparison: PromotionComparison | null;
}

export interface PromotionRepo {
  /** Throws a UserError when the version is unknown. */
  create(request: { version: string; requestedBy: string; comparison: PromotionComparison }): Promise<PromotionRequest>;
  find(id: number): Promise<PromotionRequest | null>;
  pending(): Promise<PromotionRequest[]>;
  /** Moves a pending request to its decision; null when it was no longer pending (someone else decided first). */
  decide(id: number, state: Exclude<PromotionState, 'pending'>, by: string | null): Promise<PromotionRequest | null>;
}

export interface RequestLog {
  /** True the first time a request key (a platform's request or interaction id) is seen; false for a replay. */
  firstSeen(key: string): Promise<boolean>;
  /** Forgets keys older than `before`; platforms refuse replays older than five minutes themselves. */
  prune(before: Date): Promise<number>;
}
