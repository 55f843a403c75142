import type { AuditEntry } from '../core/governance.ts';
import type { CommandResult } from './results.ts';

/** What the audit log keeps of an admin command: its target, how it ended, and the figures that matter. */
export function auditOf(path: readonly string[], args: unknown, result: CommandResult): Pick<AuditEntry, 'target' | 'outcome'> & { detail: Record<string, unknown> } {
  const given = (args ?? {}) as Record<string, unknown>;
  const target = typeof given.version === 'string' ? given.version : typeof given.request === 'number' ? `request ${given.request}` : null;
  switch (result.kind) {
    case 'error':
      return {
        target,
        outcome: result.code === 'not_admin' || result.code === 'two_person_rule' ? 'denied' : 'failed',
        // A lone surrogate echoed from the input would make the jsonb write fail and the audit row be lost.
        detail: { command: path.join(' '), code: result.code, message: Buffer.from(result.message).toString() },
      };
    case 'promotionRequested':
      return { target: result.request.version, outcome: 'pending', detail: { request: result.request.id, gate: result.request.comparison?.gate.passed ?? null } };
    case 'promoted':
      return { target: result.move.toVersion, outcome: 'ok', detail: { request: result.request.id, requestedBy: result.request.requestedBy, from: result.move.fromVersion, to: result.move.toVersion } };
    case 'promotionRejected':
      return { target: result.request.version, outcome: 'ok', detail: { request: result.request.id, requestedBy: result.request.requestedBy, state: result.request.state } };
    case 'rolledBack':
      return { target: result.move.toVersion, outcome: 'ok', detail: { from: result.move.fromVersion, to: result.move.toVersion } };
    case 'retrained':
      return { target: result.version, outcome: 'ok', detail: { becameChampion: result.becameChampion, seconds: result.seconds, mase: result.skill?.mase ?? null } };
    default:
      return { target, outcome: 'ok', detail: { command: path.join(' '), result: result.kind } };
  }
}
