import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../storage/database.ts';
import { runCli } from '../support/cli.ts';
import { DAILY_DIR } from '../support/sharedData.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-model-'));
const dataDir = path.join(root, 'data');
const env = { TICKCAST_DATA_DIR: dataDir };
const TINY = ['--epochs', '2', '--window', '10', '--hidden', '6', '--tickers', 'KO,XOM'];
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** Runs SQL against the CLI's embedded database between commands (the data-dir lock allows one process at a time). */
async function withDb<T>(work: (rows: (query: ReturnType<typeof sql>) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ engine: 'pglite', dataDir }, { migrate: false });
  try {
    return await work((query) => database.rows(query));
  } finally {
    await database.close();
  }
}

async function json(args: string[]) {
  const result = await runCli([...args, '--json'], env);
  return { ...result, body: result.stdout ? JSON.parse(result.stdout) : null };
}

/** Walk-forward figures that pass (or fail) the gate, written over a version's own. */
function metricsWith(mase: number, coverage80: number) {
  const row = (model: string, m: number, c80: number) => ({
    ticker: 'ALL', model, horizon: 1, n: 300, rmse: 0.01, mae: 0.008, mase: m, u2: m, hitRate: 0.5, hitRateLow: 0.44, hitRateHigh: 0.56,
    coverage80: c80, coverage95: 0.95, winkler80: 0.04, winkler95: 0.06,
  });
  return JSON.stringify({ from: '2026-01-02', to: '2026-06-11', retrainEvery: 60, rows: [row('lstm', mase, coverage80), row('naive', 1, 0.78)] });
}

describe('tickcast train, forecast, backtest, model', () => {
  beforeAll(async () => {
    const ingest = await runCli(['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', 'KO,XOM'], env);
    expect(ingest.code).toBe(0);
    // A young listing: 120 sessions of real KO bars under another name.
    const lines = fs.readFileSync(path.join(DAILY_DIR, 'KO.csv'), 'utf8').trim().split('\n');
    fs.writeFileSync(path.join(root, 'NEWCO.csv'), [lines[0], ...lines.slice(-120)].join('\n'));
    expect((await runCli(['ingest', '--source', `csv:${path.join(root, 'NEWCO.csv')}`], env)).code).toBe(0);
  });

  it('forecasts the random walk, and says so, before any model has passed the gate', async () => {
    const { code, body } = await json(['forecast', 'KO', '--horizon', '3']);
    expect(code).toBe(0);
    expect(body).toMatchObject({ ticker: 'KO', asOf: '2026-06-12', horizon: 3, modelVersion: 'naive', edge: false });
    expect(body.points).toHaveLength(3);
    expect(body.points[0].p50).toBeCloseTo(body.lastClose, 10);
    expect(body.edgeReason).toMatch(/random walk/);
  });

  it('train stores a version judged walk-forward, with the progress on stderr and the result on stdout', async () => {
    const result = await runCli(['train', ...TINY, '--eval-sessions', '60'], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/epoch 1\/2 loss [\d.]+ val [\d.]+/);
    expect(result.stdout).toMatch(/^v1 trained on 2 tickers/);
    const list = await json(['model', 'list']);
    expect(list.body.versions).toHaveLength(1);
    expect(list.body.versions[0]).toMatchObject({ version: 'v1', tickers: ['KO', 'XOM'], kind: 'quantile-lstm' });
    expect(list.body.versions[0].aliases).toContain('challenger');
  });

  it('trains reproducibly: the same seed and data give the same weights', async () => {
    const again = await json(['train', ...TINY, '--eval-sessions', '60']);
    expect(again.code).toBe(0);
    expect(again.body.version).toBe('v2');
    const hashes = await withDb((rows) => rows(sql`select version, md5(weights) as h from model_versions order by id`));
    expect(hashes[0]!.h).toBe(hashes[1]!.h);
  });

  it('forecast --json prints the contract of DESIGN.md, with the version that made it recorded', async () => {
    await withDb((rows) => rows(sql`update model_versions set metrics = ${metricsWith(0.99, 0.79)}::jsonb where version = 'v1'`));
    await withDb((rows) => rows(sql`insert into model_aliases (alias, version_id) select 'champion', id from model_versions where version = 'v1' on conflict (alias) do update set version_id = excluded.version_id`));
    const { code, body } = await json(['forecast', 'XOM', '--horizon', '5']);
    expect(code).toBe(0);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(['ticker', 'asOf', 'horizon', 'modelVersion', 'lastClose', 'points', 'skill', 'edge']));
    expect(body.modelVersion).toBe('v1');
    expect(body.points.map((p: { date: string }) => p.date)).toEqual(['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-22']);
    for (const p of body.points) {
      expect(Object.keys(p)).toEqual(['date', 'p025', 'p10', 'p50', 'p90', 'p975']);
      expect(p.p025).toBeLessThanOrEqual(p.p10);
      expect(p.p10).toBeLessThanOrEqual(p.p50);
      expect(p.p50).toBeLessThanOrEqual(p.p90);
      expect(p.p90).toBeLessThanOrEqual(p.p975);
    }
    expect(Object.keys(body.skill)).toEqual(expect.arrayContaining(['mase', 'u2', 'hitRate', 'hitRateLow', 'hitRateHigh', 'coverage80', 'coverage95', 'window']));
    expect(body.edge).toBe(true);
    expect(body.drivers).toHaveLength(3);
    const stored = await withDb((rows) => rows(sql`select f.ticker, v.version from forecasts f join model_versions v on v.id = f.model_version_id`));
    expect(stored).toEqual([{ ticker: 'XOM', version: 'v1' }]);
    const show = await json(['model', 'show', 'champion']);
    expect(show.body.signals.map((s: { kind: string }) => s.kind).sort()).toEqual(['anomaly', 'calibration', 'drift', 'importance']);
  });

  it('a version worse than naive is refused by the gate and the champion stays', async () => {
    await withDb((rows) => rows(sql`update model_versions set metrics = ${metricsWith(1.03, 0.8)}::jsonb where version = 'v2'`));
    const refused = await runCli(['model', 'promote', 'v2'], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/v2 does not pass the promotion gate: MASE 1\.030 vs naive's 1\.000/);
    expect((await json(['model', 'show', 'champion'])).body.version).toBe('v1');
  });

  it('promote moves the champion when the gate passes; rollback puts it back in one step', async () => {
    await withDb((rows) => rows(sql`update model_versions set metrics = ${metricsWith(0.985, 0.8)}::jsonb where version = 'v2'`));
    const promoted = await json(['model', 'promote', 'v2']);
    expect(promoted.code).toBe(0);
    expect(promoted.body.move).toMatchObject({ alias: 'champion', fromVersion: 'v1', toVersion: 'v2' });
    const rolled = await json(['model', 'rollback']);
    expect(rolled.code).toBe(0);
    expect(rolled.body.move).toMatchObject({ alias: 'champion', fromVersion: 'v2', toVersion: 'v1', reason: 'rollback' });
    expect((await json(['model', 'show', 'champion'])).body.version).toBe('v1');
  });

  it('backtest --json has a row per ticker and model, pooled as ALL, baselines included', async () => {
    const { code, body } = await json(['backtest', ...TINY, '--from', '2026-03-02', '--to', '2026-05-29', '--retrain-every', '30']);
    expect(code).toBe(0);
    const h1 = body.results.filter((r: { horizon: number }) => r.horizon === 1);
    expect(h1.map((r: { ticker: string; model: string }) => `${r.ticker}/${r.model}`).sort()).toEqual(
      ['ALL', 'KO', 'XOM'].flatMap((t) => ['drift', 'lstm', 'mean', 'naive', 'sma'].map((m) => `${t}/${m}`)).sort(),
    );
    for (const row of h1) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(['ticker', 'model', 'n', 'rmse', 'mae', 'mase', 'u2', 'hitRate', 'hitRateLow', 'hitRateHigh', 'coverage80', 'coverage95', 'winkler80']));
    }
    expect(body.blocks).toHaveLength(3); // 63 sessions, refitted every 30
  });

  it('bad input gets a clear one-line error, exit 2, and stores nothing', async () => {
    const count = async () => (await withDb((rows) => rows(sql`select (select count(*) from forecasts) + (select count(*) from model_versions) as n`)))[0]!.n;
    const before = await count();
    const cases: [string[], RegExp][] = [
      [['forecast', 'ZZZZ'], /no bars stored for ZZZZ/],
      [['forecast', 'NEWCO'], /NEWCO has too little clean history/],
      [['forecast', 'KO', '--horizon', '9'], /horizon 9 is outside 1\.\.5/],
      [['forecast', 'KO', '--horizon', 'two'], /'two' is not a positive whole number/],
      [['model', 'promote', 'v99'], /there is no model version v99/],
      [['train', '--window', '1000'], /windowLength/],
      [['train', '--tickers', 'NEWCO', '--epochs', '1'], /Too little history to evaluate .* a full input window/],
      [['train', '--tickers', 'ZZZZ'], /no bars stored for ZZZZ/],
      [['backtest', '--from', '2026-05-01', '--to', '2026-04-01'], /--from 2026-05-01 is after --to 2026-04-01/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, env);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
    }
    expect(await count()).toBe(before);
  });

  it('refuses a corrupt bundle and a bundle from another feature set, changing nothing', async () => {
    const count = async () => (await withDb((rows) => rows(sql`select count(*)::int as n from forecasts`)))[0]!.n;
    const before = await count();
    await withDb((rows) => rows(sql`update model_versions set weights = substring(weights from 1 for 100) where version = 'v1'`));
    const corrupt = await runCli(['forecast', 'KO'], env);
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/Model v1 cannot be loaded/);
    await withDb((rows) => rows(sql`update model_versions set weights = (select weights from model_versions where version = 'v2'), feature_list = '["logret_z","rsi_14"]'::jsonb where version = 'v1'`));
    const mismatch = await runCli(['forecast', 'KO'], env);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr).toMatch(/Model v1 was trained on a different feature list/);
    expect(await count()).toBe(before);
  });
});
