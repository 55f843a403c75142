import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import type { ModelBundle, ModelSignal } from '../../core/model.ts';
import { createModelRegistryRepo } from '../../storage/repos/modelRegistryRepo.ts';
import { createSignalRepo } from '../../storage/repos/signalRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const bundle: ModelBundle = {
  kind: 'lstm', featureList: ['ret_1'], scaler: { mean: [0], std: [1], clip: 5 }, params: {}, trainFrom: new Date('2020-01-02T00:00:00Z'),
  trainTo: new Date('2025-01-02T00:00:00Z'), dataSnapshot: [], metrics: null, reference: [], weights: new Uint8Array([1]), backend: 'cpu', codeVersion: 'test',
};

const signal = (kind: ModelSignal['kind'], ticker: string | null, asOf: string, value: Record<string, unknown> = {}): ModelSignal => ({ kind, ticker, asOf, value });

describe.each(ENGINES)('signal repository on $name', (engine) => {
  const db = useTestDatabase(engine);
  const repo = () => createSignalRepo(db().db);
  const rowCount = async () => (await db().rows<{ n: number }>(sql`select count(*)::int as n from model_signals`))[0]!.n;

  beforeAll(async () => {
    const registry = createModelRegistryRepo(db().db);
    await registry.save(bundle, null);
    await registry.save(bundle, null);
  });

  beforeEach(async () => {
    await db().rows(sql`truncate model_signals restart identity`);
  });

  it('records signals and replaces a day recorded again, whole-version signals included', async () => {
    await repo().record('v1', [
      signal('drift', 'AAPL', '2026-06-12', { psi: 0.05 }),
      signal('calibration', null, '2026-06-11', { coverage80: 0.8 }),
    ]);
    await repo().record('v1', [
      signal('drift', 'AAPL', '2026-06-12', { psi: 0.31, inputs: ['vol_20'] }),
      signal('calibration', null, '2026-06-11', { coverage80: 0.7 }),
    ]);
    expect(await rowCount()).toBe(2);
    const stored = await repo().latest('v1');
    expect(stored.map(({ createdAt: _createdAt, ...rest }) => rest)).toEqual([
      { kind: 'drift', ticker: 'AAPL', asOf: '2026-06-12', value: { psi: 0.31, inputs: ['vol_20'] }, version: 'v1' },
      { kind: 'calibration', ticker: null, asOf: '2026-06-11', value: { coverage80: 0.7 }, version: 'v1' },
    ]);
    expect(stored[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('takes the last of two signals for one key in a batch', async () => {
    await repo().record('v1', [signal('anomaly', 'MSFT', '2026-06-12', { n: 1 }), signal('anomaly', 'MSFT', '2026-06-12', { n: 2 })]);
    expect((await repo().latest('v1')).map((s) => s.value)).toEqual([{ n: 2 }]);
  });

  it('answers the newest first, filtered by kind, ticker and limit, per version', async () => {
    await repo().record('v1', [
      signal('drift', 'AAPL', '2026-06-10'),
      signal('drift', 'AAPL', '2026-06-12'),
      signal('drift', 'MSFT', '2026-06-11'),
      signal('importance', 'AAPL', '2026-06-09'),
    ]);
    await repo().record('v2', [signal('drift', 'AAPL', '2026-06-13')]);
    expect((await repo().latest('v1')).map((s) => s.asOf)).toEqual(['2026-06-12', '2026-06-11', '2026-06-10', '2026-06-09']);
    expect((await repo().latest('v1', { kind: 'drift', ticker: 'AAPL' })).map((s) => s.asOf)).toEqual(['2026-06-12', '2026-06-10']);
    expect((await repo().latest('v1', { kind: 'importance' })).map((s) => s.ticker)).toEqual(['AAPL']);
    expect((await repo().latest('v1', { limit: 2 })).map((s) => s.asOf)).toEqual(['2026-06-12', '2026-06-11']);
    expect((await repo().latest('v2')).map((s) => [s.version, s.asOf])).toEqual([['v2', '2026-06-13']]);
  });

  it('refuses an unknown version with a UserError and writes nothing', async () => {
    for (const attempt of [repo().record('v9', [signal('drift', 'AAPL', '2026-06-12')]), repo().latest('v9')]) {
      const err = await attempt.then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect(err).toMatchObject({ code: 'unknown_model_version', message: 'unknown model version v9' });
    }
    expect(await rowCount()).toBe(0);
  });

  it('writes a batch all or nothing: a bad kind rejects the whole batch', async () => {
    const bad = { kind: 'mood', ticker: 'AAPL', asOf: '2026-06-12', value: {} } as unknown as ModelSignal;
    await expect(repo().record('v1', [signal('drift', 'AAPL', '2026-06-12'), bad])).rejects.toThrow();
    expect(await rowCount()).toBe(0);
  });
});
