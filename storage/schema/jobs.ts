import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { JOB_NAMES, JOB_RUN_STATES } from '../../core/jobs.ts';
import { at, oneOf } from './columns.ts';

/**
 * Every execution of a scheduled job. Agenda's own table (`agenda_jobs`, created by migration 0004 in the shape
 * @agendajs/postgres-backend expects) says what is due; this one says what ran, where, and how it ended. The partial
 * unique indexes are the guard that one job instance never runs twice: a second start of a key that is running or
 * has finished (succeeded, or skipped as not due) fails on insert, whichever worker tries it.
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    job: text('job').notNull(),
    runKey: text('run_key').notNull(),
    attempt: integer('attempt').notNull().default(1),
    state: text('state').notNull().default('running'),
    worker: text('worker').notNull(),
    trigger: text('trigger').notNull(),
    startedAt: at('started_at').notNull().defaultNow(),
    heartbeatAt: at('heartbeat_at').notNull().defaultNow(),
    finishedAt: at('finished_at'),
    error: text('error'),
    summary: jsonb('summary').$type<Record<string, unknown>>(),
  },
  (t) => [
    check('job_runs_job_check', oneOf(t.job, JOB_NAMES)),
    check('job_runs_state_check', oneOf(t.state, JOB_RUN_STATES)),
    uniqueIndex('job_runs_one_running_idx').on(t.runKey).where(sql`${t.state} = 'running'`),
    uniqueIndex('job_runs_one_done_idx').on(t.runKey).where(sql`${t.state} in ('succeeded', 'skipped')`),
    index('job_runs_job_started_idx').on(t.job, t.startedAt),
  ],
);

/**
 * Per-person budgets for expensive chat commands, kept in the database so every web replica draws on the same
 * bucket: `tokens` as of `updated_at`, refilled on read.
 */
export const rateBuckets = pgTable('rate_buckets', {
  key: text('key').primaryKey(),
  tokens: doublePrecision('tokens').notNull(),
  updatedAt: at('updated_at').notNull(),
});
