import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import type { PromotionComparison } from '../../core/governance.ts';
import type { ModelBundle } from '../../core/model.ts';
import { createModelRegistryRepo } from '../../storage/repos/modelRegistryRepo.ts';
import { createPromotionRepo } from '../../storage/repos/promotionRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const bundle: ModelBundle = {
  kind: 'lstm', featureList: ['ret_1'], scaler: { mean: [0], std: [1], clip: 5 }, params: {}, trainFrom: new Date('2020-01-02T00:00:00Z'),
  trainTo: new Date('2025-01-02T00:00:00Z'), dataSnapshot: [], metrics: null, reference: [], weights: new Uint8Array([1]), backend: 'cpu', codeVersion: 'test',
};

const comparison: PromotionComparison = {
  candidate: {
    ticker: 'ALL', model: 'lstm', horizon: 1, n: 250, rmse: 2.1, mae: 1.4, mase: 0.97, u2: 0.99, hitRate: 0.52, hitRateLow: 0.46,
    hitRateHigh: 0.58, coverage80: 0.79, coverage95: 0.94, winkler80: 7.5, winkler95: null,
  },
  champion: null,
  naive: null,
  championVersion: null,
  gate: { passed: true, checks: [{ name: 'mase', passed: true, detail: '0.97 < 1' }] },
};

const failure = async (promise: Promise<unknown>) => promise.then(() => null, (err: unknown) => err);

describe.each(ENGINES)('promotion requests on $name', (engine) => {
  const db = useTestDatabase(engine);
  const promotions = () => createPromotionRepo(db().db);

  beforeAll(async () => {
    const registry = createModelRegistryRepo(db().db);
    await registry.save(bundle, null);
    await registry.save(bundle, null);
  });

  beforeEach(async () => {
    await db().rows(sql`truncate promotion_requests restart identity`);
  });

  it('creates a pending request naming the version, with the comparison shown to approvers', async () => {
    const created = await promotions().create({ version: 'v2', requestedBy: 'slack:U1', comparison });
    expect(created).toMatchObject({ id: 1, version: 'v2', requestedBy: 'slack:U1', state: 'pending', decidedBy: null, decidedAt: null, comparison });
    expect(created.requestedAt).toBeInstanceOf(Date);
    expect(await promotions().find(1)).toEqual(created);
    expect(await promotions().find(2)).toBeNull();
  });

  it('refuses an unknown version with a UserError and stores nothing', async () => {
    const err = await failure(promotions().create({ version: 'v9', requestedBy: 'slack:U1', comparison }));
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'unknown_model_version' });
    expect(await promotions().pending()).toEqual([]);
  });

  it('lists pending requests oldest first and lets exactly one of two deciders win', async () => {
    await promotions().create({ version: 'v1', requestedBy: 'slack:U1', comparison });
    await promotions().create({ version: 'v2', requestedBy: 'slack:U1', comparison });
    expect((await promotions().pending()).map((r) => r.version)).toEqual(['v1', 'v2']);
    const [approved, rejected] = await Promise.all([promotions().decide(1, 'approved', 'slack:U2'), promotions().decide(1, 'rejected', 'slack:U3')]);
    const winner = approved ?? rejected;
    expect([approved, rejected].filter((r) => r !== null)).toHaveLength(1);
    expect(winner).toMatchObject({ id: 1, version: 'v1', state: approved ? 'approved' : 'rejected' });
    expect(winner!.decidedAt).toBeInstanceOf(Date);
    expect(await promotions().decide(1, 'expired', null)).toBeNull();
    expect((await promotions().pending()).map((r) => r.id)).toEqual([2]);
  });

  it('refuses an approval by the requester, leaving the request pending', async () => {
    await promotions().create({ version: 'v2', requestedBy: 'slack:U1', comparison });
    const err = await failure(promotions().decide(1, 'approved', 'slack:U1'));
    expect(err).toBeInstanceOf(UserError);
    expect(err).toMatchObject({ code: 'two_person_rule' });
    expect((await promotions().find(1))?.state).toBe('pending');
    expect(await promotions().decide(1, 'rejected', 'slack:U1')).toMatchObject({ state: 'rejected', decidedBy: 'slack:U1' });
  });
});
