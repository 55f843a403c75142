import { and, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { JobName, JobRun, JobRunRepo, JobRunState } from '../../core/jobs.ts';
import { rowsOf, type Db } from '../database.ts';
import { jobRuns } from '../schema/index.ts';

type Row = typeof jobRuns.$inferSelect;

const DEFAULT_LIST = 50;
/** Postgres' unique_violation: the instance is running or done elsewhere. */
const UNIQUE_VIOLATION = '23505';

function toRun(row: Row): JobRun {
  return {
    id: row.id,
    job: row.job as JobName,
    runKey: row.runKey,
    attempt: row.attempt,
    state: row.state as JobRunState,
    worker: row.worker,
    trigger: row.trigger,
    startedAt: row.startedAt,
    heartbeatAt: row.heartbeatAt,
    finishedAt: row.finishedAt,
    error: row.error,
    summary: row.summary ?? null,
  };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === UNIQUE_VIOLATION) return true;
  }
  return false;
}

/** The record of scheduled job runs; the partial unique indexes of `job_runs` decide who may start an instance. */
export function createJobRunRepo(db: Db): JobRunRepo {
  /** Close the running runs `which` selects as interrupted, saying why; returns them. */
  async function interrupt(which: SQL, why: string): Promise<JobRun[]> {
    const rows = await db
      .update(jobRuns)
      .set({ state: 'interrupted', error: why, finishedAt: sql`now()` })
      .where(and(eq(jobRuns.state, 'running'), which))
      .returning();
    return rows.map(toRun);
  }

  return {
    async begin(start) {
      try {
        // One statement: the attempt number counts earlier tries of the instance (failed or interrupted ones), and
        // nothing is inserted when it already finished. Two concurrent starts both pass that check; the partial
        // unique index on running rows then refuses the second.
        const rows = rowsOf<{ id: number }>(
          await db.execute(sql`
            insert into job_runs (job, run_key, worker, trigger, attempt)
            select ${start.job}, ${start.runKey}, ${start.worker}, ${start.trigger},
                   (select count(*) + 1 from job_runs where run_key = ${start.runKey})::int
            where not exists (select 1 from job_runs where run_key = ${start.runKey} and state in ('succeeded', 'skipped'))
            returning id`),
        );
        if (rows.length === 0) return null;
        const [row] = await db.select().from(jobRuns).where(eq(jobRuns.id, rows[0]!.id));
        return toRun(row!);
      } catch (err) {
        if (isUniqueViolation(err)) return null;
        throw err;
      }
    },

    async heartbeat(id) {
      await db.update(jobRuns).set({ heartbeatAt: sql`now()` }).where(and(eq(jobRuns.id, id), eq(jobRuns.state, 'running')));
    },

    async finish(id, outcome) {
      const done = await db
        .update(jobRuns)
        .set({ state: outcome.state, error: outcome.error ?? null, summary: outcome.summary ?? null, finishedAt: sql`now()` })
        .where(and(eq(jobRuns.id, id), eq(jobRuns.state, 'running')))
        .returning({ id: jobRuns.id });
      if (done.length === 0) throw new Error(`job run ${id} is not running (it was declared dead); its outcome is not recorded`);
    },

    interruptStale: (before) => interrupt(lt(jobRuns.heartbeatAt, before), 'the process running it stopped (no heartbeat)'),

    handBack: (worker) => interrupt(eq(jobRuns.worker, worker), 'handed back: its worker was shut down before it finished'),

    async list(query = {}) {
      const filters = [query.job ? eq(jobRuns.job, query.job) : undefined, query.state ? eq(jobRuns.state, query.state) : undefined];
      const rows = await db
        .select()
        .from(jobRuns)
        .where(and(...filters))
        .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
        .limit(query.limit ?? DEFAULT_LIST);
      return rows.map(toRun);
    },

    async latestPerJob() {
      const last = await db
        .selectDistinctOn([jobRuns.job])
        .from(jobRuns)
        .orderBy(jobRuns.job, desc(jobRuns.startedAt), desc(jobRuns.id));
      const success = await db
        .selectDistinctOn([jobRuns.job])
        .from(jobRuns)
        .where(eq(jobRuns.state, 'succeeded'))
        .orderBy(jobRuns.job, desc(jobRuns.startedAt), desc(jobRuns.id));
      const successByJob = new Map(success.map((row) => [row.job, toRun(row)]));
      return last.map((row) => ({ job: row.job as JobName, last: toRun(row), lastSuccess: successByJob.get(row.job) ?? null }));
    },

    async prune(before) {
      const removed = await db
        .delete(jobRuns)
        .where(and(lt(jobRuns.startedAt, before), inArray(jobRuns.state, ['succeeded', 'failed', 'skipped', 'interrupted'])))
        .returning({ id: jobRuns.id });
      return removed.length;
    },
  };
}
