import type { Finding } from '../../core/quality.ts';

/**
 * Why a series must not be published (forecast, reported, trained on), or null when nothing blocks it: one line
 * with the count per kind and the first blocking finding's detail, for a chat reply or a job log.
 */
export function blockingReason(findings: readonly Finding[]): string | null {
  const blocking = findings.filter((finding) => finding.severity === 'blocking');
  const first = blocking[0];
  if (first === undefined) return null;
  const perKind = new Map<string, number>();
  for (const finding of blocking) perKind.set(finding.kind, (perKind.get(finding.kind) ?? 0) + 1);
  const counts = [...perKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
  const plural = blocking.length === 1 ? '' : 's';
  return `${first.ticker} ${first.interval} is unpublishable: ${blocking.length} blocking finding${plural} (${counts}); `
    + `first: ${first.detail}`;
}
