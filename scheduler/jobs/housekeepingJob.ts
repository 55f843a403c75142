import { RateLimiter } from '../../bot/rateLimiter.ts';
import type { JobContext, JobSummary } from '../jobContext.ts';

/** Chat request ids guard against replays inside the platforms' five-minute window; a day's worth is plenty. */
const REQUEST_MEMORY_MS = 24 * 3600_000;
/** Job runs are kept for a quarter: enough to see a pattern of failures. */
const JOB_RUN_MEMORY_MS = 90 * 24 * 3600_000;

/** Hourly upkeep: forget old chat request ids, old job runs and full rate-limit buckets. */
export async function housekeepingJob(ctx: JobContext): Promise<JobSummary> {
  const { store } = ctx.app;
  const requests = await store.requests.prune(new Date(ctx.now.getTime() - REQUEST_MEMORY_MS));
  const jobRuns = await store.jobRuns.prune(new Date(ctx.now.getTime() - JOB_RUN_MEMORY_MS));
  // A bucket untouched for longer than its refill takes is full again: it carries no information.
  const buckets = await new RateLimiter(store.rateLimits).prune(ctx.now.getTime());
  return { requestIdsForgotten: requests, jobRunsForgotten: jobRuns, rateBucketsForgotten: buckets };
}
