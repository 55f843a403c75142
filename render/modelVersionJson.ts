import type { ModelVersionInfo } from '../core/model.ts';
import { pooledRow } from '../model/promotionGate.ts';
import { day } from './wording.ts';

/**
 * A registry version as `tickcast model list --json` and `GET /api/models` show it: its aliases, provenance and the
 * pooled one-session walk-forward figures people compare versions by.
 */
export function modelVersionJson(v: ModelVersionInfo) {
  const row = pooledRow(v.metrics);
  return {
    version: v.version,
    aliases: v.aliases,
    kind: v.kind,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdBy,
    trainFrom: day(v.trainFrom),
    trainTo: day(v.trainTo),
    backend: v.backend,
    codeVersion: v.codeVersion,
    tickers: v.dataSnapshot.map((s) => s.ticker),
    mase: row?.mase ?? null,
    coverage80: row?.coverage80 ?? null,
    coverage95: row?.coverage95 ?? null,
    weightBytes: v.weightBytes,
    retiredAt: v.retiredAt?.toISOString() ?? null,
  };
}

/** The registry list document: every version, newest first, as the registry returns them. */
export function modelListJson(versions: readonly ModelVersionInfo[]): { versions: ReturnType<typeof modelVersionJson>[] } {
  return { versions: versions.map(modelVersionJson) };
}
