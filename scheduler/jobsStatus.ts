import type { Config } from '../app/config.ts';
import type { JobRunRepo, JobStatus, ScheduleReader } from '../core/jobs.ts';
import { JOBS } from './jobCatalog.ts';


/** Every job of the catalog with its schedule, what is due, and how its latest runs ended. */
export async function jobsStatus(repos: { schedule: ScheduleReader; jobRuns: JobRunRepo }, config: Config): Promise<JobStatus[]> {
  const [scheduled, latest, running] = await Promise.all([repos.schedule.list(), repos.jobRuns.latestPerJob(), repos.jobRuns.list({ state: 'running', limit: 100 })]);
  return JOBS.map((spec) => {
    const mine = scheduled.filter((job) => job.name === spec.name);
    const recurring = mine.find((job) => job.cron !== null);
    const cron = spec.schedule ? config.jobs.schedules[spec.schedule] : null;
    const last = latest.find((entry) => entry.job === spec.name);
    return {
      name: spec.name,
      summary: spec.summary,
      schedule: spec.schedule === null ? 'on demand' : (cron ?? 'off'),
      nextRunAt: recurring?.nextRunAt ?? null,
      waiting: mine.filter((job) => job.cron === null && job.lockedAt === null && job.nextRunAt !== null).length,
      running: running.filter((run) => run.job === spec.name).length,
      lastRun: last
        ? { state: last.last.state, startedAt: last.last.startedAt, finishedAt: last.last.finishedAt, error: last.last.error, worker: last.last.worker, trigger: last.last.trigger, summary: last.last.summary }
        : null,
      lastSuccessAt: last?.lastSuccess?.finishedAt ?? null,
    };
  });
}
