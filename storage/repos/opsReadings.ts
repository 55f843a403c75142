import { and, count, desc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import type { Interval } from '../../core/bars.ts';
import type { JobName } from '../../core/jobs.ts';
import type { OpsReadings, ScheduledJobReading } from '../../core/opsReadings.ts';
import type { DeliveryState, DeliverySurface } from '../../core/outbox.ts';
import { rowsOf, type Db } from '../database.ts';
import { ingestionRuns, jobRuns, modelAliases, modelSignals, modelVersions, outboundMessages } from '../schema/index.ts';

/** The outbox states worth a gauge: delivered rows only grow, and say nothing about what is waiting. */
const OPEN_STATES: DeliveryState[] = ['pending', 'sending', 'failed'];

interface AgendaRow {
  name: string;
  recurring: number;
  due: number;
  running: number;
  oldest_due_at: Date | string | null;
}

/**
 * The readings behind `/metrics` and `/healthz`: grouped counts and newest rows, each one query over an index or a
 * small table. Agenda's table has no drizzle schema (migration 0004 creates it in the shape its backend expects),
 * so it is read with plain SQL.
 */
export function createOpsReadings(db: Db): OpsReadings {
  return {
    async ping() {
      await db.execute(sql`select 1`);
    },

    async outboxDepth() {
      const rows = await db
        .select({ surface: outboundMessages.surface, state: outboundMessages.state, count: count() })
        .from(outboundMessages)
        .where(inArray(outboundMessages.state, OPEN_STATES))
        .groupBy(outboundMessages.surface, outboundMessages.state);
      return rows.map((row) => ({ surface: row.surface as DeliverySurface, state: row.state as DeliveryState, count: row.count }));
    },

    async scheduledJobs(now) {
      // Only instances still to run or running: Agenda keeps finished one-off jobs with no next run time.
      const enabled = sql`coalesce(disabled, false) = false`;
      const dueUnlocked = sql`locked_at is null and next_run_at <= ${now.toISOString()}::timestamptz and ${enabled}`;
      const rows = rowsOf<AgendaRow>(
        await db.execute(sql`
          select name,
            (count(*) filter (where (repeat_interval is not null or repeat_at is not null) and ${enabled}))::int as recurring,
            (count(*) filter (where ${dueUnlocked}))::int as due,
            (count(*) filter (where locked_at is not null))::int as running,
            min(next_run_at) filter (where ${dueUnlocked}) as oldest_due_at
          from agenda_jobs
          where next_run_at is not null or locked_at is not null
          group by name
          order by name`),
      );
      return rows.map((row): ScheduledJobReading => ({
        name: row.name,
        recurring: Number(row.recurring),
        due: Number(row.due),
        running: Number(row.running),
        oldestDueAt: row.oldest_due_at == null ? null : new Date(row.oldest_due_at),
      }));
    },

    async lastIngests() {
      const rows = await db
        .select({ ticker: ingestionRuns.ticker, interval: ingestionRuns.interval, finishedAt: max(ingestionRuns.finishedAt) })
        .from(ingestionRuns)
        .where(and(eq(ingestionRuns.status, 'succeeded'), isNotNull(ingestionRuns.finishedAt)))
        .groupBy(ingestionRuns.ticker, ingestionRuns.interval)
        .orderBy(ingestionRuns.ticker, ingestionRuns.interval);
      return rows.flatMap((row) => (row.finishedAt ? [{ ticker: row.ticker, interval: row.interval as Interval, finishedAt: row.finishedAt }] : []));
    },

    async champion() {
      const [row] = await db
        .select({ version: modelVersions.version, metrics: modelVersions.metrics })
        .from(modelAliases)
        .innerJoin(modelVersions, eq(modelVersions.id, modelAliases.versionId))
        .where(eq(modelAliases.alias, 'champion'));
      return row ?? null;
    },

    async championCalibration() {
      return db
        .selectDistinctOn([modelSignals.ticker], { ticker: modelSignals.ticker, asOf: modelSignals.asOf, value: modelSignals.value })
        .from(modelSignals)
        .innerJoin(modelAliases, and(eq(modelAliases.versionId, modelSignals.versionId), eq(modelAliases.alias, 'champion')))
        .where(eq(modelSignals.kind, 'calibration'))
        .orderBy(modelSignals.ticker, desc(modelSignals.asOf));
    },

    async lastJobSuccesses() {
      const rows = await db
        .select({ job: jobRuns.job, finishedAt: max(jobRuns.finishedAt) })
        .from(jobRuns)
        .where(and(eq(jobRuns.state, 'succeeded'), isNotNull(jobRuns.finishedAt)))
        .groupBy(jobRuns.job)
        .orderBy(jobRuns.job);
      return rows.flatMap((row) => (row.finishedAt ? [{ job: row.job as JobName, finishedAt: row.finishedAt }] : []));
    },
  };
}
