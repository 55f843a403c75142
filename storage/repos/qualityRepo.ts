import { and, asc, eq, sql } from 'drizzle-orm';
import type { Interval } from '../../core/bars.ts';
import type { QualityRepo, StoredFinding } from '../../core/ports.ts';
import type { FindingKind, Severity } from '../../core/quality.ts';
import type { Db } from '../database.ts';
import { instruments, qualityFindings } from '../schema/index.ts';

const INSERT_BATCH = 1_000;

/** Quality findings: each gate run replaces the series' findings, so the table always holds the current verdict. */
export function createQualityRepo(db: Db): QualityRepo {
  return {
    async replaceFindings(ticker, interval, runId, findings, blockingReason) {
      await db.transaction(async (tx) => {
        await tx.delete(qualityFindings).where(and(eq(qualityFindings.ticker, ticker), eq(qualityFindings.interval, interval)));
        for (let start = 0; start < findings.length; start += INSERT_BATCH) {
          await tx.insert(qualityFindings).values(
            findings.slice(start, start + INSERT_BATCH).map((f) => ({
              runId, ticker, interval, ts: f.ts, kind: f.kind, severity: f.severity, detail: f.detail, data: f.data ?? null,
            })),
          );
        }
        await tx
          .update(instruments)
          .set({ publishable: blockingReason === null, unpublishableReason: blockingReason, updatedAt: sql`now()` })
          .where(eq(instruments.ticker, ticker));
      });
    },

    async listFindings(query = {}) {
      const rows = await db
        .select()
        .from(qualityFindings)
        .where(and(query.ticker ? eq(qualityFindings.ticker, query.ticker) : undefined, query.interval ? eq(qualityFindings.interval, query.interval) : undefined))
        .orderBy(asc(qualityFindings.ticker), asc(qualityFindings.interval), asc(qualityFindings.ts), asc(qualityFindings.id));
      return rows.map((row): StoredFinding => ({
        ticker: row.ticker,
        interval: row.interval as Interval,
        ts: row.ts,
        kind: row.kind as FindingKind,
        severity: row.severity as Severity,
        detail: row.detail,
        ...(row.data ? { data: row.data as Record<string, unknown> } : {}),
        runId: row.runId,
      }));
    },

    async publishability(ticker) {
      const rows = await db
        .select({ ticker: instruments.ticker, publishable: instruments.publishable, reason: instruments.unpublishableReason })
        .from(instruments)
        .where(ticker ? eq(instruments.ticker, ticker) : undefined)
        .orderBy(asc(instruments.ticker));
      return rows;
    },
  };
}
