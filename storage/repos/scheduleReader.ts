import { sql } from 'drizzle-orm';
import type { ScheduledJob, ScheduleReader } from '../../core/jobs.ts';
import { rowsOf, type Db } from '../database.ts';

interface Row {
  id: string;
  name: string;
  trigger: string | null;
  repeat_interval: string | null;
  next_run_at: Date | string | null;
  locked_at: Date | string | null;
  last_run_at: Date | string | null;
  last_finished_at: Date | string | null;
  fail_count: number | null;
  fail_reason: string | null;
}

const at = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** Agenda's `agenda_jobs` table (migration 0004), read as the core's `ScheduledJob`s; Agenda alone writes it. */
export function createScheduleReader(db: Db): ScheduleReader {
  return {
    async list() {
      const rows = rowsOf<Row>(
        await db.execute(sql`
          select id::text as id, name, data->>'trigger' as trigger, repeat_interval, next_run_at, locked_at, last_run_at,
                 last_finished_at, fail_count, fail_reason
          from agenda_jobs where disabled is not true order by name, next_run_at nulls last`),
      );
      return rows.map((row): ScheduledJob => ({
        id: row.id,
        name: row.name,
        trigger: row.trigger ?? 'manual',
        cron: row.repeat_interval,
        nextRunAt: at(row.next_run_at),
        lockedAt: at(row.locked_at),
        lastRunAt: at(row.last_run_at),
        lastFinishedAt: at(row.last_finished_at),
        failCount: row.fail_count ?? 0,
        failReason: row.fail_reason,
      }));
    },
  };
}
