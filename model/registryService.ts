import { UserError } from '../core/errors.ts';
import type { AliasMove, ModelVersionInfo, StoredModel, StoredSignal } from '../core/model.ts';
import type { Repos } from '../core/ports.ts';
import { promotionGate, type GateThresholds, type GateVerdict } from './promotionGate.ts';

export function unknownVersion(ref: string): UserError {
  return new UserError('unknown_model_version', `there is no model version ${ref}; \`tickcast model list\` shows the versions`);
}

export interface PromotionOutcome {
  move: AliasMove;
  gate: GateVerdict;
}

export interface PromotionJudgement {
  candidate: StoredModel;
  champion: StoredModel | null;
  verdict: GateVerdict;
}

/** The gate's verdict on making `ref` champion now; refuses an unknown version or the champion itself. */
export async function judgePromotion(store: Repos, ref: string, gate: GateThresholds): Promise<PromotionJudgement> {
  const candidate = await store.models.find(ref);
  if (!candidate) throw unknownVersion(ref);
  const champion = await store.models.find('champion');
  if (champion?.id === candidate.id) throw new UserError('alias_unchanged', `${candidate.version} is already the champion`);
  return { candidate, champion, verdict: promotionGate(candidate.metrics, champion?.metrics ?? null, gate) };
}

/** The one wording of a gate refusal. */
export function gateRefusal(version: string, verdict: GateVerdict): UserError {
  const failed = verdict.checks.filter((check) => !check.passed).map((check) => check.detail);
  return new UserError('gate_failed', `${version} does not pass the promotion gate: ${failed.join('; ')}`);
}

/**
 * Makes a version champion if it passes the gate against the current champion and naive; otherwise refuses,
 * naming every check it failed, and changes nothing. `note` says how the promotion was decided (an approval).
 */
export async function promoteVersion(store: Repos, ref: string, gate: GateThresholds, by: string | null, note?: string): Promise<PromotionOutcome> {
  const { candidate, verdict } = await judgePromotion(store, ref, gate);
  if (!verdict.passed) throw gateRefusal(candidate.version, verdict);
  const reason = `promoted (gate passed: ${verdict.checks.length} checks)${note ? `; ${note}` : ''}`;
  const move = await store.models.moveAlias('champion', candidate.version, reason, by);
  return { move, gate: verdict };
}

/** Puts the champion back where its last move took it from, in one step; refuses when there is nowhere to go. */
export async function rollbackChampion(store: Repos, by: string | null): Promise<AliasMove> {
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
export async function showVersion(store: Repos, ref: string): Promise<VersionDetail> {
  const stored = await store.models.find(ref);
  if (!stored) throw unknownVersion(ref);
  const { weights, ...version } = stored;
  const history = (await store.models.history()).filter((move) => move.toVersion === version.version || move.fromVersion === version.version);
  const signals = await store.signals.latest(version.version, { limit: 40 });
  return { version: { ...version, weightBytes: weights.length }, history, signals };
}
