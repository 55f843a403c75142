import type { JobContext, JobSummary } from '../jobContext.ts';

/**
 * Registry retention: versions no alias, rollback or recent-history reader can reach lose their weights (their
 * metrics and lineage stay, so reports and forecasts that cite them still resolve). `TICKCAST_KEEP_VERSIONS` newest
 * versions are always kept whole.
 */
export async function retentionJob(ctx: JobContext): Promise<JobSummary> {
  const keep = ctx.app.config.jobs.keepVersions;
  const retired = await ctx.app.store.models.retire(keep);
  if (retired.length > 0) ctx.app.logger.info({ retired, keep }, 'registry retention retired model versions');
  return { keep, retired };
}
