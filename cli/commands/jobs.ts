import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { JOB_NAMES, type JobName, type JobRun, type JobStatus } from '../../core/jobs.ts';
import { jobsStatus } from '../../scheduler/jobsStatus.ts';
import { startScheduler } from '../../scheduler/startScheduler.ts';
import { day, minute } from '../../render/wording.ts';
import type { CommandContext } from '../context.ts';
import { emit, failAfterOutput, table, type OutputOptions } from '../output.ts';

const WAIT_POLL_MS = 200;

function parseJobName(raw: string): JobName {
  if (!(JOB_NAMES as readonly string[]).includes(raw)) throw new InvalidArgumentError(`'${raw}' is not a job: one of ${JOB_NAMES.join(', ')}`);
  return raw as JobName;
}

/** `tickcast jobs list|run`: the schedules and their runs; one job run here and now. */
export function registerJobs(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const jobs = program.command('jobs').description('the scheduled jobs: schedules, next and last runs; run one now');

  jobs
    .command('list')
    .description('every job with its schedule (New York time), next run, what waits, and its last run')
    .action(async () => {
      const list = await ctx.withApp((app) => jobsStatus(app.store, app.config));
      emit({ jobs: list }, output(), humanJobs);
    });

  jobs
    .command('run')
    .description('run a job now in this process, as a worker would (recorded in its runs; a failure is retried by the service)')
    .argument('<job>', JOB_NAMES.join(' | '), parseJobName)
    .action(async (name: JobName) => {
      const run = await ctx.withApp(async (app) => {
        const scheduler = await startScheduler(app, { work: true, schedule: false });
        try {
          const { runKey } = await scheduler.enqueue(name, { trigger: 'manual' });
          return await waitForRun(() => app.store.jobRuns.list({ job: name, limit: 20 }), runKey);
        } finally {
          await scheduler.stop(0);
        }
      });
      emit({ run }, output(), () => humanRun(run));
      if (run.state === 'failed') failAfterOutput(`${name} failed: ${run.error ?? 'see the logs'}`);
    });
}

async function waitForRun(list: () => Promise<JobRun[]>, runKey: string): Promise<JobRun> {
  for (;;) {
    const run = (await list()).find((r) => r.runKey === runKey && r.state !== 'running');
    if (run) return run;
    await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
  }
}

function humanRun(run: JobRun): string {
  const took = run.finishedAt ? `${((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)} s` : '';
  return [`${run.job}: ${run.state} in ${took}${run.error ? `: ${run.error}` : ''}`, ...(run.summary ? [JSON.stringify(run.summary, null, 2)] : [])].join('\n');
}

function humanJobs({ jobs }: { jobs: JobStatus[] }): string {
  const rows = jobs.map((job) => [
    job.name,
    job.schedule,
    job.nextRunAt ? minute(job.nextRunAt) : '-',
    job.waiting + job.running > 0 ? `${job.running} running, ${job.waiting} waiting` : '-',
    job.lastRun ? `${job.lastRun.state} ${minute(job.lastRun.startedAt)}${job.lastRun.error ? `: ${job.lastRun.error.slice(0, 60)}` : ''}` : 'never',
    job.lastSuccessAt ? day(job.lastSuccessAt) : '-',
  ]);
  return [
    table(['job', 'schedule (New York)', 'next run', 'now', 'last run', 'last success'], rows),
    '',
    '`tickcast jobs run JOB` runs one now; TICKCAST_SCHEDULE_* set the times (cron, or off).',
  ].join('\n');
}
