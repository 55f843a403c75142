import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { UserError } from '../../core/errors.ts';
import type { Forecast, ForecastPoint } from '../../core/forecast.ts';
import type { ModelBundle } from '../../core/model.ts';
import { createForecastRepo } from '../../storage/repos/forecastRepo.ts';
import { createModelRegistryRepo } from '../../storage/repos/modelRegistryRepo.ts';
import { createPriceRepo } from '../../storage/repos/priceRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const point = (date: string, p50: number): ForecastPoint => ({ date, p025: p50 - 2, p10: p50 - 1, p50, p90: p50 + 1, p975: p50 + 2 });

const forecast = (extra: Partial<Forecast> = {}): Forecast => ({
  ticker: 'AAPL',
  asOf: '2026-06-12',
  horizon: 2,
  modelVersion: 'v1',
  lastClose: 200.5,
  points: [point('2026-06-15', 201), point('2026-06-16', 202)],
  modelPoints: [point('2026-06-15', 203), point('2026-06-16', 204)],
  skill: { mase: 0.97, u2: 0.99, hitRate: 0.52, hitRateLow: 0.46, hitRateHigh: 0.58, coverage80: 0.8, coverage95: 0.95, n: 250, window: '2025-06-13..2026-06-12 walk-forward, 1-day' },
  edge: true,
  edgeReason: 'MASE 0.97 < 1 and coverage within tolerance',
  drivers: [{ input: 'ret_1', importance: 0.4 }, { input: 'vol_20', importance: 0.2 }],
  ...extra,
});

const bundle: ModelBundle = {
  kind: 'lstm', featureList: ['ret_1'], scaler: { mean: [0], std: [1], clip: 5 }, params: {}, trainFrom: new Date('2020-01-02T00:00:00Z'),
  trainTo: new Date('2025-01-02T00:00:00Z'), dataSnapshot: [], metrics: null, reference: [], weights: new Uint8Array([1]), backend: 'cpu', codeVersion: 'test',
};

describe.each(ENGINES)('forecast repository on $name', (engine) => {
  const db = useTestDatabase(engine);
  const repo = () => createForecastRepo(db().db);
  const rowCount = async () => (await db().rows<{ n: number }>(sql`select count(*)::int as n from forecasts`))[0]!.n;
  let v1 = 0;
  let v2 = 0;

  beforeAll(async () => {
    const prices = createPriceRepo(db().db);
    for (const ticker of ['AAPL', 'MSFT']) await prices.ensureInstrument({ ticker });
    const registry = createModelRegistryRepo(db().db);
    v1 = (await registry.save(bundle, null)).id;
    v2 = (await registry.save(bundle, null)).id;
  });

  beforeEach(async () => {
    await db().rows(sql`truncate forecasts restart identity`);
  });

  it('stores a forecast whole and replaces it when saved again for the same key', async () => {
    await repo().save(forecast(), v1);
    await repo().save(forecast({ lastClose: 199, points: [point('2026-06-15', 190)], edge: false, edgeReason: 'no edge' }), v1);
    expect(await rowCount()).toBe(1);
    const [stored] = await repo().recent({ limit: 10 });
    expect(stored).toMatchObject({ ticker: 'AAPL', asOf: '2026-06-12', horizon: 2, modelVersion: 'v1', lastClose: 199, points: [point('2026-06-15', 190)], edge: false });
    expect(stored!.createdAt).toBeInstanceOf(Date);
    const [detail] = await db().rows<{ skill: unknown; detail: unknown }>(sql`select skill, detail from forecasts`);
    expect(detail).toEqual({
      skill: forecast().skill,
      detail: { modelPoints: forecast().modelPoints, drivers: forecast().drivers, edgeReason: 'no edge' },
    });
  });

  it('keeps one row per version, and one for forecasts made without a model', async () => {
    await repo().save(forecast(), v1);
    await repo().save(forecast(), v2);
    await repo().save(forecast(), null);
    await repo().save(forecast({ lastClose: 1 }), null);
    expect(await rowCount()).toBe(3);
    const withoutModel = (await repo().recent({ limit: 10 })).filter((f) => f.modelVersion === null);
    expect(withoutModel.map((f) => f.lastClose)).toEqual([1]);
  });

  it('refuses a forecast for an unknown ticker or version with a UserError and writes nothing', async () => {
    const ticker = await repo().save(forecast({ ticker: 'NOPE' }), v1).then(() => null, (err: unknown) => err);
    expect(ticker).toBeInstanceOf(UserError);
    expect(ticker).toMatchObject({ code: 'unknown_ticker', message: expect.stringContaining('no bars stored for NOPE') });
    const version = await repo().save(forecast(), 999).then(() => null, (err: unknown) => err);
    expect(version).toBeInstanceOf(UserError);
    expect(version).toMatchObject({ code: 'unknown_model_version' });
    expect(await rowCount()).toBe(0);
  });

  it('lists the newest first, filtered by ticker and version', async () => {
    await repo().save(forecast({ asOf: '2026-06-10' }), v1);
    await repo().save(forecast({ asOf: '2026-06-12' }), v1);
    await repo().save(forecast({ asOf: '2026-06-11' }), v2);
    await repo().save(forecast({ ticker: 'MSFT', asOf: '2026-06-12' }), v2);
    const all = await repo().recent({ limit: 10 });
    expect(all.map((f) => f.asOf)).toEqual(['2026-06-12', '2026-06-12', '2026-06-11', '2026-06-10']);
    expect((await repo().recent({ ticker: 'AAPL', version: 'v1', limit: 10 })).map((f) => f.asOf)).toEqual(['2026-06-12', '2026-06-10']);
    expect((await repo().recent({ version: 'v2', limit: 10 })).map((f) => [f.ticker, f.modelVersion])).toEqual([['MSFT', 'v2'], ['AAPL', 'v2']]);
    expect(await repo().recent({ ticker: 'AAPL', limit: 1 })).toHaveLength(1);
    expect(await repo().recent({ version: 'v9', limit: 10 })).toEqual([]);
  });
});
