import type { Config } from '../app/config.ts';
import type { JobName } from '../core/jobs.ts';
import type { JobContext, JobSummary } from './jobContext.ts';
import { forecastJob } from './jobs/forecastJob.ts';
import { housekeepingJob } from './jobs/housekeepingJob.ts';
import { ingestJob } from './jobs/ingestJob.ts';
import { reportJob } from './jobs/reportJob.ts';
import { retentionJob } from './jobs/retentionJob.ts';
import { retrainJob } from './jobs/retrainJob.ts';
import { newYorkDate, newYorkHour, newYorkWeek, type CalendarRule } from './marketClock.ts';

/** How often a scheduled job's instances come: one run per New York day, hour or ISO week. */
export type JobPeriod = 'day' | 'hour' | 'week';

export interface JobSpec {
  name: JobName;
  /** One line for `tickcast jobs list` and `/model status`. */
  summary: string;
  /** The configured schedule it follows (`TICKCAST_SCHEDULE_*`); null: it runs only when asked for. */
  schedule: keyof Config['jobs']['schedules'] | null;
  /** When a scheduled run is worth doing; a run asked for by hand or by another job always runs. */
  calendar: CalendarRule;
  period: JobPeriod;
  /** Runs of this job at once in one worker. */
  concurrency: number;
  run(ctx: JobContext): Promise<JobSummary>;
}

/** Every job tickcast runs on its own, in one place: the scheduler defines these, `tickcast jobs list` lists them. */
export const JOBS: readonly JobSpec[] = [
  {
    name: 'ingest-daily', summary: 'daily bars of the watchlist after the close, then quality, features and alerts; chains the forecast',
    schedule: 'ingestDaily', calendar: 'session-day', period: 'day', concurrency: 1, run: ingestJob('1d'),
  },
  {
    name: 'ingest-intraday', summary: 'hourly bars of the watchlist during the session, then quality, features and alerts',
    schedule: 'ingestIntraday', calendar: 'market-hours', period: 'hour', concurrency: 1, run: ingestJob('1h'),
  },
  {
    name: 'forecast-daily', summary: 'forecast every watchlist ticker from the newest close, check alerts, ask for a retrain on drift or miscalibration',
    schedule: 'forecast', calendar: 'session-day', period: 'day', concurrency: 1, run: forecastJob,
  },
  {
    name: 'retrain', summary: 'train a new version walk-forward against the baselines (weekly, on drift or calibration signals, or from chat)',
    schedule: 'retrain', calendar: 'any', period: 'week', concurrency: 1, run: retrainJob,
  },
  {
    name: 'report-daily', summary: 'render the morning report to PDF and send it to email, Slack and Discord subscribers',
    schedule: 'report', calendar: 'session-day', period: 'day', concurrency: 1, run: reportJob,
  },
  {
    name: 'registry-retention', summary: 'drop the weights of model versions no alias or rollback can reach',
    schedule: 'retention', calendar: 'any', period: 'day', concurrency: 1, run: retentionJob,
  },
  {
    name: 'housekeeping', summary: 'forget old chat request ids and job runs',
    schedule: 'housekeeping', calendar: 'any', period: 'hour', concurrency: 1, run: housekeepingJob,
  },
];

export function jobSpec(name: string): JobSpec | undefined {
  return JOBS.find((spec) => spec.name === name);
}

/** Who asked for a run: the schedule, another job, a retrain signal, a person (`manual`, `chat`). */
export function triggerOf(data: Readonly<Record<string, unknown>>): string {
  return typeof data.trigger === 'string' ? data.trigger : 'schedule';
}

/**
 * Which instance a run belongs to: what "the same run" means. Scheduled and chained runs are named after their New
 * York period (the forecast chained by the day's ingest and the one scheduled at 17:00 are one instance, so it runs
 * once); signal retrains after their week (at most one a week); a run asked for by a person is its own instance.
 */
export function instanceKey(spec: JobSpec, now: Date, data: Readonly<Record<string, unknown>>, agendaId: string): string {
  const trigger = triggerOf(data);
  if (trigger === 'manual' || trigger === 'chat') return `${spec.name}:${trigger}:${agendaId}`;
  const period = trigger === 'signal' ? `signal:${newYorkWeek(now)}` : periodName(spec.period, now);
  return `${spec.name}:${period}`;
}

function periodName(period: JobPeriod, now: Date): string {
  if (period === 'hour') return newYorkHour(now);
  if (period === 'week') return newYorkWeek(now);
  return newYorkDate(now);
}
