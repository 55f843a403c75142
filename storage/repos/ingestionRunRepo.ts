import { and, desc, eq, lt } from 'drizzle-orm';
import type { Interval } from '../../core/bars.ts';
import type { IngestionRun, IngestionRunRepo } from '../../core/ports.ts';
import type { Db } from '../database.ts';
import { ingestionRuns } from '../schema/index.ts';

/** Ingestion runs: a row is created `running` before any bar is written and closed as succeeded or failed. */
export function createIngestionRunRepo(db: Db): IngestionRunRepo {
  return {
    async start(run) {
      const [row] = await db.insert(ingestionRuns).values(run).returning({ id: ingestionRuns.id });
      return row!.id;
    },

    async succeed(id, outcome) {
      await db.update(ingestionRuns).set({ ...outcome, status: 'succeeded', finishedAt: new Date() }).where(eq(ingestionRuns.id, id));
    },

    async fail(id, error) {
      await db.update(ingestionRuns).set({ status: 'failed', error, finishedAt: new Date() }).where(eq(ingestionRuns.id, id));
    },

    async failStale(before) {
      // Bars are written in the same transaction that closes the run, so a run left open wrote nothing.
      const closed = await db
        .update(ingestionRuns)
        .set({ status: 'failed', error: 'interrupted: the process running it stopped before it finished; nothing was written', finishedAt: new Date() })
        .where(and(eq(ingestionRuns.status, 'running'), lt(ingestionRuns.startedAt, before)))
        .returning({ id: ingestionRuns.id });
      return closed.length;
    },

    async list(query = {}) {
      const rows = await db
        .select()
        .from(ingestionRuns)
        .where(query.ticker ? eq(ingestionRuns.ticker, query.ticker) : undefined)
        .orderBy(desc(ingestionRuns.id))
        .limit(query.limit ?? 100);
      return rows.map(toRun);
    },

    async latestSucceeded(ticker: string, interval: Interval) {
      const [row] = await db
        .select()
        .from(ingestionRuns)
        .where(and(eq(ingestionRuns.ticker, ticker), eq(ingestionRuns.interval, interval), eq(ingestionRuns.status, 'succeeded')))
        .orderBy(desc(ingestionRuns.id))
        .limit(1);
      return row ? toRun(row) : null;
    },
  };
}

function toRun(row: typeof ingestionRuns.$inferSelect): IngestionRun {
  return { ...row, interval: row.interval as Interval, status: row.status as IngestionRun['status'] };
}
