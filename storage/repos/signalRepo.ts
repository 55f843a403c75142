import { and, desc, eq, sql } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import type { ModelSignal, SignalRepo, StoredSignal } from '../../core/model.ts';
import type { Db } from '../database.ts';
import { modelSignals, modelVersions } from '../schema/index.ts';

/** Signals kept per version: one per kind, ticker (or none) and session date; recording a day again replaces it. */
export function createSignalRepo(db: Db): SignalRepo {
  async function versionId(version: string): Promise<number> {
    const [row] = await db.select({ id: modelVersions.id }).from(modelVersions).where(eq(modelVersions.version, version));
    if (!row) throw new UserError('unknown_model_version', `unknown model version ${version}`);
    return row.id;
  }

  async function record(version: string, signals: readonly ModelSignal[]): Promise<void> {
    const id = await versionId(version);
    if (signals.length === 0) return;
    // One statement may not upsert one key twice; within a batch the last signal for a key wins.
    const byKey = new Map(signals.map((s) => [JSON.stringify([s.kind, s.ticker, s.asOf]), s]));
    const rows = [...byKey.values()].map((s) => ({ versionId: id, kind: s.kind, ticker: s.ticker, asOf: s.asOf, value: s.value }));
    await db
      .insert(modelSignals)
      .values(rows)
      .onConflictDoUpdate({
        target: [modelSignals.versionId, modelSignals.kind, modelSignals.ticker, modelSignals.asOf],
        set: { value: sql`excluded.value`, createdAt: sql`now()` },
      });
  }

  async function latest(version: string, query: { kind?: ModelSignal['kind']; ticker?: string; limit?: number } = {}): Promise<StoredSignal[]> {
    const id = await versionId(version);
    const rows = await db
      .select({ kind: modelSignals.kind, ticker: modelSignals.ticker, asOf: modelSignals.asOf, value: modelSignals.value, createdAt: modelSignals.createdAt })
      .from(modelSignals)
      .where(
        and(
          eq(modelSignals.versionId, id),
          query.kind ? eq(modelSignals.kind, query.kind) : undefined,
          query.ticker ? eq(modelSignals.ticker, query.ticker) : undefined,
        ),
      )
      .orderBy(desc(modelSignals.asOf), desc(modelSignals.createdAt), desc(modelSignals.id))
      .limit(query.limit ?? 100);
    return rows.map((row) => ({ ...row, kind: row.kind as ModelSignal['kind'], version }));
  }

  return { record, latest };
}
