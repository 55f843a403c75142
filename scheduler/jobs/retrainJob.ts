import { retrainerFor } from '../../app/retrainerFor.ts';
import type { JobContext, JobSummary } from '../jobContext.ts';

/** Progress is logged at most this often; the heartbeat keeps the lock fresh regardless. */
const PROGRESS_EVERY_MS = 30_000;

/**
 * A retrain: the same training as `tickcast train` and `model retrain` with their defaults, on every ticker with
 * data. The new version is judged walk-forward against naive (and the champion) and becomes challenger; it becomes
 * champion only when there is none yet and it passes the gate. Promotion otherwise stays a two-admin decision in chat.
 */
export async function retrainJob(ctx: JobContext): Promise<JobSummary> {
  const by = typeof ctx.data.by === 'string' ? ctx.data.by : 'scheduler';
  const outcome = await retrainerFor(ctx.app, { noteEveryMs: PROGRESS_EVERY_MS })(by, (note) => ctx.progress(note), ctx.signal);
  return {
    trigger: ctx.data.trigger ?? 'schedule',
    ...(typeof ctx.data.reason === 'string' ? { reason: ctx.data.reason } : {}),
    ...outcome,
  };
}
