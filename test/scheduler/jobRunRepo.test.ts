import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createJobRunRepo } from '../../storage/repos/jobRunRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

describe.each(ENGINES)('job runs on $name', (engine) => {
  const db = useTestDatabase(engine);
  const repo = () => createJobRunRepo(db().db);
  const start = (runKey: string, worker = 'a:1') => repo().begin({ job: 'ingest-daily', runKey, worker, trigger: 'schedule' });

  beforeEach(async () => {
    await db().rows(sql`truncate job_runs restart identity`);
  });

  it('lets one start of an instance through while it runs, and none after it succeeded', async () => {
    const first = await start('ingest-daily:2026-11-20');
    expect(first).toMatchObject({ job: 'ingest-daily', state: 'running', attempt: 1, worker: 'a:1', trigger: 'schedule', finishedAt: null });
    expect(await start('ingest-daily:2026-11-20', 'b:2')).toBeNull();
    await repo().finish(first!.id, { state: 'succeeded', summary: { bars: 3 } });
    expect(await start('ingest-daily:2026-11-20', 'b:2')).toBeNull();
    expect(await start('ingest-daily:2026-11-21')).not.toBeNull();
    const [done] = await repo().list({ state: 'succeeded' });
    expect(done).toMatchObject({ runKey: 'ingest-daily:2026-11-20', summary: { bars: 3 } });
    expect(done!.finishedAt).toBeInstanceOf(Date);
  });

  it('counts attempts after failures, and a skipped instance is done', async () => {
    const first = await start('k');
    await repo().finish(first!.id, { state: 'failed', error: 'Yahoo down' });
    const second = await start('k');
    expect(second?.attempt).toBe(2);
    await repo().finish(second!.id, { state: 'skipped', summary: { reason: 'holiday' } });
    expect(await start('k')).toBeNull();
  });

  it('races: of many concurrent starts of one instance exactly one wins', async () => {
    const starts = await Promise.all(Array.from({ length: 8 }, (_, i) => start('race', `w:${i}`)));
    expect(starts.filter((run) => run !== null)).toHaveLength(1);
    expect(await repo().list()).toHaveLength(1);
  });

  it('declares runs without a recent heartbeat interrupted, and then lets the instance start again', async () => {
    const dead = await start('dead');
    const alive = await start('alive');
    await db().rows(sql`update job_runs set heartbeat_at = now() - interval '1 hour' where id = ${dead!.id}`);
    const stale = await repo().interruptStale(new Date(Date.now() - 60_000));
    expect(stale.map((run) => run.runKey)).toEqual(['dead']);
    expect(stale[0]!.state).toBe('interrupted');
    await expect(repo().finish(dead!.id, { state: 'succeeded' })).rejects.toThrow(/not running/);
    expect((await start('dead'))?.attempt).toBe(2);
    await repo().heartbeat(alive!.id);
    expect(await repo().interruptStale(new Date(Date.now() - 60_000))).toEqual([]);
  });

  it('hands back only its own worker runs', async () => {
    await start('x', 'mine:1');
    await start('y', 'other:2');
    const handed = await repo().handBack('mine:1');
    expect(handed.map((run) => [run.runKey, run.state])).toEqual([['x', 'interrupted']]);
    expect((await repo().list({ state: 'running' })).map((run) => run.runKey)).toEqual(['y']);
  });

  it('reports the newest run and the newest success of each job, and prunes finished old runs', async () => {
    const ok = await start('ingest-daily:1');
    await repo().finish(ok!.id, { state: 'succeeded' });
    const bad = await start('ingest-daily:2');
    await repo().finish(bad!.id, { state: 'failed', error: 'boom' });
    const latest = await repo().latestPerJob();
    expect(latest).toHaveLength(1);
    expect(latest[0]).toMatchObject({ job: 'ingest-daily', last: { runKey: 'ingest-daily:2', state: 'failed', error: 'boom' }, lastSuccess: { runKey: 'ingest-daily:1' } });
    await start('ingest-daily:3');
    expect(await repo().prune(new Date(Date.now() + 60_000))).toBe(2);
    expect((await repo().list()).map((run) => run.runKey)).toEqual(['ingest-daily:3']);
  });

  it('refuses a job name the catalog does not have', async () => {
    await expect(repo().begin({ job: 'nope' as never, runKey: 'z', worker: 'a', trigger: 'manual' })).rejects.toThrow();
    expect(await repo().list()).toEqual([]);
  });
});
