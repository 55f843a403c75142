import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import type { ModelBundle } from '../../core/model.ts';
import { createModelRegistryRepo } from '../../storage/repos/modelRegistryRepo.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const bundle = (extra: Partial<ModelBundle> = {}): ModelBundle => ({
  kind: 'lstm',
  featureList: ['ret_1', 'vol_20', 'rsi_14'],
  scaler: { mean: [0.0004, 0.012, 51.3], std: [0.017, 0.004, 9.8], clip: 5 },
  params: { units: 16, lookback: 20, seed: 42, calibration: { q10: -0.8, q90: 1.1 } },
  trainFrom: new Date('2016-01-04T00:00:00Z'),
  trainTo: new Date('2025-06-13T00:00:00Z'),
  dataSnapshot: [{ ticker: 'AAPL', runId: null, checksum: 'c0ffee', bars: 2500 }],
  metrics: {
    from: '2025-06-16', to: '2026-06-12', retrainEvery: 63,
    rows: [{
      ticker: 'ALL', model: 'lstm', horizon: 1, n: 250, rmse: 2.1, mae: 1.4, mase: 0.97, u2: 0.99, hitRate: 0.52, hitRateLow: 0.46,
      hitRateHigh: 0.58, coverage80: 0.79, coverage95: 0.94, winkler80: 7.5, winkler95: null,
    }],
  },
  reference: [{ ticker: 'AAPL', input: 'ret_1', edges: [-0.02, 0, 0.02], shares: [0.25, 0.5, 0.25] }],
  weights: new Uint8Array([0, 1, 2, 127, 128, 255]),
  backend: 'cpu',
  codeVersion: 'abc1234',
  ...extra,
});

const failure = async (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => err);

describe.each(ENGINES)('model registry on $name', (engine) => {
  const db = useTestDatabase(engine);
  const registry = () => createModelRegistryRepo(db().db);
  const historyRows = async () => (await db().rows<{ n: number }>(sql`select count(*)::int as n from model_alias_history`))[0]!.n;

  beforeEach(async () => {
    await db().rows(sql`truncate model_alias_history, model_aliases, model_signals, forecasts, model_versions restart identity cascade`);
  });

  async function promoted(...versions: string[]): Promise<void> {
    for (const version of versions) await registry().moveAlias('champion', version, `promote ${version}`, 'alice');
  }

  it('keeps a bundle whole: weights byte for byte, JSON fields, dates', async () => {
    const weights = new Uint8Array(randomBytes(100_000));
    const saved = await registry().save(bundle({ weights }), 'alice');
    const { weights: _weights, ...rest } = bundle();
    expect(saved).toMatchObject({ ...rest, version: 'v1', createdBy: 'alice', retiredAt: null, aliases: [], weightBytes: 100_000 });
    expect(saved).not.toHaveProperty('weights');
    const found = await registry().find('v1');
    expect(found).toEqual({ ...saved, weights });
    expect(found!.weights).toStrictEqual(weights);
    expect(found!.trainTo).toEqual(new Date('2025-06-13T00:00:00Z'));
  });

  it('names versions v1, v2, … and two concurrent saves get different names', async () => {
    expect((await registry().save(bundle(), null)).version).toBe('v1');
    expect((await registry().save(bundle(), null)).version).toBe('v2');
    const together = await Promise.all(Array.from({ length: 4 }, () => registry().save(bundle(), null)));
    expect(together.map((v) => v.version).sort()).toEqual(['v3', 'v4', 'v5', 'v6']);
  });

  it('lists newest first with aliases and weight sizes, never the weights', async () => {
    await registry().save(bundle(), null);
    await registry().save(bundle({ weights: new Uint8Array(3) }), null);
    await registry().moveAlias('champion', 'v2', 'first', null);
    await registry().moveAlias('challenger', 'v2', 'second', null);
    const listed = await registry().list();
    expect(listed.map((v) => [v.version, v.aliases, v.weightBytes])).toEqual([['v2', ['challenger', 'champion'], 3], ['v1', [], 6]]);
    expect(listed.some((v) => 'weights' in v)).toBe(false);
  });

  it('finds a version by name or alias; anything else is not found', async () => {
    await registry().save(bundle(), null);
    await registry().save(bundle(), null);
    expect(await registry().find('champion')).toBeNull();
    await registry().moveAlias('champion', 'v1', 'first', null);
    expect((await registry().find('champion'))?.version).toBe('v1');
    expect((await registry().find('champion'))?.aliases).toEqual(['champion']);
    for (const ref of ['v9', 'latest', '', '1', 'V1', "v1' or '1'='1"]) expect(await registry().find(ref)).toBeNull();
  });

  it('moves aliases and keeps every move, newest first', async () => {
    for (let i = 0; i < 3; i++) await registry().save(bundle(), null);
    const first = await registry().moveAlias('champion', 'v1', 'initial', 'alice');
    expect(first).toMatchObject({ alias: 'champion', fromVersion: null, toVersion: 'v1', reason: 'initial', by: 'alice' });
    expect(first.at).toBeInstanceOf(Date);
    await registry().moveAlias('challenger', 'v3', 'candidate', 'bob');
    await registry().moveAlias('champion', 'challenger', 'beats champion', 'bob');
    const all = await registry().history();
    expect(all.map((m) => [m.alias, m.fromVersion, m.toVersion, m.reason, m.by])).toEqual([
      ['champion', 'v1', 'v3', 'beats champion', 'bob'],
      ['challenger', null, 'v3', 'candidate', 'bob'],
      ['champion', null, 'v1', 'initial', 'alice'],
    ]);
    expect((await registry().history('challenger')).map((m) => m.toVersion)).toEqual(['v3']);
  });

  it('refuses an unknown version or a move to where the alias already points, and records nothing', async () => {
    await registry().save(bundle(), null);
    await promoted('v1');
    for (const ref of ['v7', 'latest']) {
      const err = await failure(registry().moveAlias('champion', ref, 'x', null));
      expect(err).toBeInstanceOf(UserError);
      expect(err).toMatchObject({ code: 'unknown_model_version', message: `unknown model version ${ref}` });
    }
    const unchanged = await failure(registry().moveAlias('champion', 'v1', 'again', null));
    expect(unchanged).toMatchObject({ code: 'alias_unchanged', message: 'champion already points at v1' });
    expect(await historyRows()).toBe(1);
  });

  it('rolls back down the chain of promotions, not back and forth, and stops at the first', async () => {
    for (let i = 0; i < 4; i++) await registry().save(bundle(), null);
    await promoted('v1', 'v2', 'v3');
    expect(await registry().rollback('champion', 'carol')).toMatchObject({ fromVersion: 'v3', toVersion: 'v2', reason: 'rollback', by: 'carol' });
    expect(await registry().rollback('champion', 'carol')).toMatchObject({ fromVersion: 'v2', toVersion: 'v1' });
    const before = await historyRows();
    expect(await registry().rollback('champion', 'carol')).toBeNull();
    expect(await historyRows()).toBe(before);
    expect((await registry().find('champion'))?.version).toBe('v1');
    // A new promotion is undone first; a move whose free-text reason says "rollback" is still a promotion.
    await registry().moveAlias('champion', 'v4', 'rollback', 'alice');
    expect(await registry().rollback('champion', null)).toMatchObject({ fromVersion: 'v4', toVersion: 'v1' });
    expect(await registry().rollback('champion', null)).toBeNull();
  });

  it('has nowhere to roll back to for an alias never moved or moved only once', async () => {
    await registry().save(bundle(), null);
    expect(await registry().rollback('challenger', null)).toBeNull();
    await registry().moveAlias('challenger', 'v1', 'first', null);
    expect(await registry().rollback('challenger', null)).toBeNull();
    expect((await registry().find('challenger'))?.version).toBe('v1');
    expect(await historyRows()).toBe(1);
  });

  it('leaves the alias where it was when recording the rollback fails', async () => {
    for (let i = 0; i < 2; i++) await registry().save(bundle(), null);
    await promoted('v1', 'v2');
    await db().rows(sql`create function refuse_rollback() returns trigger language plpgsql as $$
      begin if new.reason = 'rollback' then raise exception 'history is read-only'; end if; return new; end $$`);
    await db().rows(sql`create trigger refuse_rollback before insert on model_alias_history for each row execute function refuse_rollback()`);
    try {
      const err = await failure(registry().rollback('champion', null));
      expect(String((err as Error).cause)).toMatch(/history is read-only/);
    } finally {
      await db().rows(sql`drop trigger refuse_rollback on model_alias_history`);
      await db().rows(sql`drop function refuse_rollback()`);
    }
    expect((await registry().find('champion'))?.version).toBe('v2');
    expect(await historyRows()).toBe(2);
    expect(await registry().rollback('champion', null)).toMatchObject({ fromVersion: 'v2', toVersion: 'v1' });
  });

  it('works inside the store\'s unit of work and rolls back with it', async () => {
    const store = createStore(db().db);
    for (let i = 0; i < 2; i++) await registry().save(bundle(), null);
    await promoted('v1');
    await expect(
      store.transaction(async (repos) => {
        await repos.models.save(bundle(), null);
        await repos.models.moveAlias('champion', 'v2', 'inside', null);
        expect(await repos.models.rollback('champion', null)).toMatchObject({ toVersion: 'v1' });
        await repos.models.moveAlias('champion', 'v3', 'inside', null);
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect((await registry().list()).map((v) => v.version)).toEqual(['v2', 'v1']);
    expect((await registry().find('champion'))?.version).toBe('v1');
    expect(await historyRows()).toBe(1);
    const committed = await store.transaction((repos) => repos.models.moveAlias('champion', 'v2', 'committed', null));
    expect(committed).toMatchObject({ fromVersion: 'v1', toVersion: 'v2' });
    // A UserError inside a move rolls back only that move's savepoint; the unit of work can carry on.
    await store.transaction(async (repos) => {
      await expect(repos.models.moveAlias('champion', 'v9', 'x', null)).rejects.toThrow(UserError);
      await repos.models.moveAlias('challenger', 'v1', 'after the error', null);
    });
    expect((await registry().find('challenger'))?.version).toBe('v1');
  });

  it('applies concurrent rollbacks one after the other, each one step further back', async () => {
    for (let i = 0; i < 3; i++) await registry().save(bundle(), null);
    await promoted('v1', 'v2', 'v3');
    const moves = await Promise.all([registry().rollback('champion', 'a'), registry().rollback('champion', 'b')]);
    expect(moves.map((m) => `${m?.fromVersion}->${m?.toVersion}`).sort()).toEqual(['v2->v1', 'v3->v2']);
    expect((await registry().find('champion'))?.version).toBe('v1');
    const undone = await db().rows<{ n: number }>(sql`select count(distinct undoes_id)::int as n from model_alias_history where undoes_id is not null`);
    expect(undone[0]!.n).toBe(2);
  });

  it('records concurrent first moves of one alias as a chain', async () => {
    for (let i = 0; i < 2; i++) await registry().save(bundle(), null);
    await Promise.all([registry().moveAlias('challenger', 'v1', 'a', null), registry().moveAlias('challenger', 'v2', 'b', null)]);
    const moves = (await registry().history('challenger')).reverse();
    expect(moves[0]!.fromVersion).toBeNull();
    expect(moves[1]!.fromVersion).toBe(moves[0]!.toVersion);
    expect((await registry().find('challenger'))?.version).toBe(moves[1]!.toVersion);
  });
  it('retention drops the weights of versions nothing can reach, keeps metrics and lineage, and refuses to promote them', async () => {
    for (let i = 0; i < 7; i++) await registry().save(bundle(), 'test');
    // v2 became champion, then v3, then v3 was rolled back to v2; v4 is challenger. The moves in force name v2 only,
    // the undone one named v3; v6 and v7 are the newest two.
    await registry().moveAlias('champion', 'v2', 'first', 'admin');
    await registry().moveAlias('champion', 'v3', 'better', 'admin');
    await registry().rollback('champion', 'admin');
    await registry().moveAlias('challenger', 'v4', 'trained', null);
    expect(await registry().retire(2)).toEqual(['v1', 'v3', 'v5']);
    expect(await registry().retire(2)).toEqual([]);
    const listed = await registry().list();
    expect(listed.filter((v) => v.retiredAt !== null).map((v) => v.version).sort()).toEqual(['v1', 'v3', 'v5']);
    const retired = await registry().find('v3');
    expect(retired!.weights.byteLength).toBe(0);
    expect(retired!.metrics?.rows[0]?.mase).toBe(0.97);
    expect((await registry().find('v2'))!.weights.byteLength).toBe(6);
    const refused = await failure(registry().moveAlias('champion', 'v3', 'again', 'admin'));
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).code).toBe('model_retired');
    expect((await registry().resolve('champion'))?.version).toBe('v2');
  });
});
