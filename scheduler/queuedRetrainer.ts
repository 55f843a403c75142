import type { RetrainOutcome, Retrainer } from '../model/retrainer.ts';
import { UserError } from '../core/errors.ts';
import type { EvaluationRow } from '../core/model.ts';
import type { JobRun, JobRunRepo, ScheduleReader } from '../core/jobs.ts';
import type { Scheduler } from './startScheduler.ts';

/** How often the asking process looks at the run's record, and how long it waits before leaving the run to finish alone. */
const POLL_MS = 2000;
const WAIT_MS = 25 * 60_000;
/** A progress note to chat at most this often while the run goes on. */
const NOTE_EVERY_MS = 60_000;

/**
 * `model retrain` from chat in the service: the retrain goes on the job queue and runs on a worker (never in the web
 * process, which stays responsive and stateless), one at a time across all replicas. The asking process follows the
 * run's record in `job_runs` and answers with its outcome, as the in-process retrain does.
 */
export function queuedRetrainer(repos: { jobRuns: JobRunRepo; schedule: ScheduleReader }, scheduler: Pick<Scheduler, 'enqueue'>, options: { pollMs?: number; waitMs?: number } = {}): Retrainer {
  const pollMs = options.pollMs ?? POLL_MS;
  const waitMs = options.waitMs ?? WAIT_MS;
  return async (by, progress) => {
    const running = await repos.jobRuns.list({ job: 'retrain', state: 'running', limit: 1 });
    const waiting = (await repos.schedule.list()).filter((job) => job.name === 'retrain' && job.cron === null && job.lockedAt === null);
    if (running[0] || waiting.length > 0) {
      const what = running[0] ? `started by ${String(running[0].trigger)} at ${running[0].startedAt.toISOString().slice(11, 16)} UTC is still running` : 'is already waiting for a worker';
      throw new UserError('retrain_running', `a retrain ${what}; ask again when it is done (\`model status\` shows it)`);
    }
    const { runKey } = await scheduler.enqueue('retrain', { trigger: 'chat', by });
    await progress('Retraining on a worker: judging the configuration walk-forward, then fitting on all data. This takes a few minutes.');
    const deadline = Date.now() + waitMs;
    let lastNote = Date.now();
    for (;;) {
      const run = (await repos.jobRuns.list({ job: 'retrain', limit: 20 })).find((r) => r.runKey === runKey);
      if (run && run.state !== 'running') return outcomeOf(run);
      if (Date.now() >= deadline) throw new UserError('retrain_slow', `the retrain (${runKey}) is taking longer than ${Math.round(waitMs / 60_000)} minutes; \`model status\` will show its result`);
      if (run && Date.now() - lastNote >= NOTE_EVERY_MS) {
        lastNote = Date.now();
        await progress(`Still retraining on ${run.worker} (started ${run.startedAt.toISOString().slice(11, 16)} UTC).`).catch(() => {});
      }
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  };
}

function outcomeOf(run: JobRun): RetrainOutcome {
  if (run.state !== 'succeeded' || !run.summary) {
    throw new Error(`the retrain ${run.state}${run.error ? `: ${run.error}` : ''}`);
  }
  const summary = run.summary as { version: string; becameChampion: boolean; seconds: number; skill: EvaluationRow | null; naive: EvaluationRow | null };
  return { version: summary.version, becameChampion: summary.becameChampion, seconds: summary.seconds, skill: summary.skill, naive: summary.naive };
}
