import { UserError } from '../core/errors.ts';
import type { AliasMove, ModelVersionInfo, StoredSignal } from '../core/model.ts';
import type { Store } from '../core/ports.ts';
import { promotionGate, type GateThresholds, type GateVerdict } from './promotionGate.ts';

function unknownVersion(ref: string): UserError {
  return new UserError('unknown_model_version', `there is no model version ${ref}; \`tickcast model list\` shows the versions`);
}

export interface PromotionOutcome {
  move: AliasMove;
  gate: GateVerdict;
}

/**
 * Makes a version champion if it passes the gate against the current champion and naive; otherwise refuses,
 * naming every check it failed, and changes nothing.
 */
export async function promoteVersion(store: Store, ref: string, gate: GateThresholds, by: string | null): Promise<PromotionOutcome> {
  const candidate = await store.models.find(ref);
  if (!candidate) throw unknownVersion(ref);
  const champion = await store.models.find('champion');
  if (champion?.id === candidate.id) throw new UserError('alias_unchanged', `${candidate.version} is already the champion`);
  const verdict = promotionGate(candidate.metrics, champion?.metrics ?? null, gate);
  if (!verdict.passed) {
    const failed = verdict.checks.filter((check) => !check.passed).map((check) => check.detail);
    throw new UserError('gate_failed', `${candidate.version} does not pass the promotion gate: ${failed.join('; ')}`);
  }
  const move = await store.models.moveAlias('champion', candidate.version, `promoted (gate passed: ${verdict.checks.length} checks)`, by);
  return { move, gate: verdict };
}

/** Puts the champion back where its last move took it from, in one step; refuses when there is nowhere to go. */
export async function rollbackChampion(store: Store, by: string | null): Promise<AliasMove> {
  const move = await store.models.rollback('champion', by);
  if (!move) throw new UserError('nothing_to_roll_back', 'the champion has no earlier version to roll back to');
  return move;
}

export interface VersionDetail {
  version: ModelVersionInfo;
  history: AliasMove[];
  signals: StoredSignal[];
}

/** A version with its alias history and its newest monitoring signals (drift, live calibration, anomalies, drivers). */
export async function showVersion(store: Store, ref: string): Promise<VersionDetail> {
  const stored = await store.models.find(ref);
  if (!stored) throw unknownVersion(ref);
  const { weights, ...version } = stored;
  const history = (await store.models.history()).filter((move) => move.toVersion === version.version || move.fromVersion === version.version);
  const signals = await store.signals.latest(version.version, { limit: 40 });
  return { version: { ...version, weightBytes: weights.length }, history, signals };
}
