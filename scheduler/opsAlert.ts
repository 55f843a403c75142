import type { App } from '../app/wiring.ts';
import type { JobRun } from '../core/jobs.ts';
import { oneLine } from '../core/errors.ts';

/**
 * A job that failed its last allowed attempt: logged as an error, and posted once to the admins' channel
 * (`TICKCAST_OPS_CHANNEL`) through the outbox, keyed on the instance so a second worker noticing adds nothing.
 * Returns true when a notice was enqueued.
 */
export async function reportExhaustedJob(app: App, run: JobRun, error: unknown): Promise<boolean> {
  const message = error instanceof Error ? oneLine(error) : String(error);
  app.logger.error({ job: run.job, runKey: run.runKey, attempts: run.attempt, err: error }, 'job failed on its last attempt; it waits for its next schedule');
  const channel = app.config.jobs.opsChannel;
  if (!channel) return false;
  const id = await app.store.outbox.enqueue({
    channel,
    body: {
      kind: 'notice',
      severity: 'error',
      title: `Job ${run.job} failed ${run.attempt} times`,
      text: `${run.runKey} failed on ${run.worker}: ${message}. It will not be retried before its next schedule; \`tickcast jobs list\` shows its runs, \`tickcast jobs run ${run.job}\` runs it again now.`,
    },
    dedupeKey: `ops:${run.runKey}`,
  });
  return id !== null;
}
