import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bar } from '../../../core/bars.ts';
import type { BarSource } from '../../../core/sources.ts';
import { createStore } from '../../../storage/store.ts';
import { ingest } from '../../../pipeline/ingest/ingest.ts';
import { planIngest } from '../../../pipeline/ingest/planIngest.ts';
import { createYahooSource } from '../../../pipeline/sources/yahooSource.ts';
import { APPLE_META, sharedDailySeries } from '../../fakes/yahooSharedSeries.ts';
import { startFakeYahoo, type FakeYahooServer } from '../../fakes/yahooChartServer.ts';
import { ENGINES, useTestDatabase } from '../../support/engines.ts';
import { DAILY_DIR, INTRADAY_DIR } from '../../support/sharedData.ts';

/** The Monday after the shared stocks' last session (Friday 2026-06-12): nothing is stale yet. */
const JUST_AFTER = () => new Date('2026-06-15T12:00:00Z');

describe.each(ENGINES)('ingest on $name', (engine) => {
  const db = useTestDatabase(engine);

  it('loads all 11 daily and 3 intraday files; a second run adds nothing and cites the same snapshots', async () => {
    const store = createStore(db().db);
    const daily = await planIngest({ source: `csv:${DAILY_DIR}` }, { watchlist: [] });
    const intraday = await planIngest({ source: `csv:${INTRADAY_DIR}` }, { watchlist: [] });
    const first = [...(await ingest(daily.source, daily.requests, { store, now: JUST_AFTER })).runs, ...(await ingest(intraday.source, intraday.requests, { store, now: JUST_AFTER })).runs];
    expect(first).toHaveLength(14);
    expect(first.every((run) => run.status === 'succeeded')).toBe(true);
    const rows = Object.fromEntries(first.map((run) => [`${run.ticker} ${run.interval}`, run.added]));
    expect(rows).toMatchObject({ 'AAPL 1d': 5032, 'TSLA 1d': 4014, 'SPY 1d': 5036, 'SPY 1m': 12131, 'AMZN 1m': 2450, 'AMZN 1h': 3547 });
    const total = await store.prices.countBars();
    expect(total).toBe(54_338 + 12_131 + 2_450 + 3_547);

    const second = [...(await ingest(daily.source, daily.requests, { store, now: JUST_AFTER })).runs, ...(await ingest(intraday.source, intraday.requests, { store, now: JUST_AFTER })).runs];
    expect(second.map((run) => [run.added, run.updated])).toEqual(second.map(() => [0, 0]));
    expect(second.map((run) => run.snapshot)).toEqual(first.map((run) => run.snapshot));
    expect(await store.prices.countBars()).toBe(total);
    const runs = await store.runs.list({ limit: 100 });
    expect(runs.filter((run) => run.status === 'succeeded')).toHaveLength(28);
    expect(runs.find((run) => run.ticker === 'AAPL')).toMatchObject({ source: 'csv:AAPL.csv', rowsRead: 5032, rangeFrom: new Date('2006-06-13T00:00:00Z'), rangeTo: new Date('2026-06-12T00:00:00Z') });
  });

  it('stores the quality verdict: the AMD placeholder, the intraday missing minutes, no alarm on clean files', async () => {
    const store = createStore(db().db);
    const findings = await store.quality.listFindings();
    const serious = findings.filter((f) => f.severity !== 'info');
    // At the stocks' last date, SPY's daily file (ends 2023-01-06) and the 2021 intraday files are honestly stale;
    // nothing else may warn but AMD's placeholder.
    expect(serious.filter((f) => f.kind === 'stale_series').map((f) => `${f.ticker} ${f.interval}`).sort()).toEqual(['AMZN 1h', 'AMZN 1m', 'SPY 1d', 'SPY 1m']);
    expect(serious.filter((f) => f.kind !== 'stale_series').map((f) => [f.ticker, f.kind, f.ts?.toISOString().slice(0, 10)])).toEqual([['AMD', 'placeholder_bar', '2015-01-02']]);
    expect(findings.filter((f) => f.ticker === 'SPY' && f.interval === '1m' && f.kind === 'missing_bar')).toHaveLength(252);
    expect(findings.filter((f) => f.ticker === 'AMZN' && f.interval === '1m' && f.kind === 'missing_bar')).toHaveLength(6);
    expect(findings.filter((f) => f.ticker === 'AMZN' && f.interval === '1h').map((f) => f.kind)).toEqual(['stale_series']);
    expect((await store.quality.publishability()).every((i) => i.publishable)).toBe(true);
  });

  it('one series failing leaves none of its rows and does not stop the others', async () => {
    const store = createStore(db().db);
    const good: Bar = { ts: new Date('2024-03-01T00:00:00Z'), open: 10, high: 11, low: 9, close: 10.5, adjClose: 10.5, volume: 100 };
    const source: BarSource = {
      name: 'test',
      async fetch(request) {
        if (request.ticker === 'NET') throw new Error('socket hang up');
        // BIG's second bar overflows the volume column: the database rejects the load half-way.
        const bars = request.ticker === 'BIG' ? [good, { ...good, ts: new Date('2024-03-04T00:00:00Z'), volume: 1e300 }] : [good];
        return { ticker: request.ticker, interval: '1d', source: 'test', instrument: { ticker: request.ticker }, bars, dropped: [] };
      },
    };
    const { runs } = await ingest(source, [{ ticker: 'ONE', interval: '1d' }, { ticker: 'NET', interval: '1d' }, { ticker: 'BIG', interval: '1d' }, { ticker: 'TWO', interval: '1d' }], { store, now: JUST_AFTER });
    expect(runs.map((run) => [run.ticker, run.status])).toEqual([['ONE', 'succeeded'], ['NET', 'failed'], ['BIG', 'failed'], ['TWO', 'succeeded']]);
    expect(runs[1]!.error?.message).toContain('socket hang up');
    expect(await store.prices.countBars('BIG')).toBe(0);
    expect(await store.quality.listFindings({ ticker: 'BIG' })).toEqual([]);
    expect(await store.prices.countBars('ONE')).toBe(1);
    expect(await store.prices.countBars('TWO')).toBe(1);
    const recorded = await store.runs.list({ ticker: 'BIG' });
    expect(recorded.map((run) => run.status)).toEqual(['failed']);
  });

  it('refuses a CSV with a malformed row whole, naming file and line, while its neighbours load', async () => {
    const store = createStore(db().db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-ingest-'));
    try {
      fs.writeFileSync(path.join(dir, 'OKAY.csv'), 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,2,0.5,1.5,1.5,10\n2024-01-03,1.5,2,1,1.8,1.8,12\n');
      fs.writeFileSync(path.join(dir, 'BROKE.csv'), 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,2,0.5,1.5,1.5,10\n2024-01-03,1.5,abc,1,1.8,1.8,12\n');
      const plan = await planIngest({ source: `csv:${dir}` }, { watchlist: [] });
      const { runs } = await ingest(plan.source, plan.requests, { store, now: JUST_AFTER });
      const broke = runs.find((run) => run.ticker === 'BROKE')!;
      expect(broke.status).toBe('failed');
      expect(broke.error?.message).toMatch(/BROKE\.csv:3: .*high 'abc' is not a number/);
      expect(await store.prices.countBars('BROKE')).toBe(0);
      expect(runs.find((run) => run.ticker === 'OKAY')).toMatchObject({ status: 'succeeded', added: 2 });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('from Yahoo through the real client', () => {
    let fake: FakeYahooServer;
    beforeAll(async () => {
      fake = await startFakeYahoo();
      fake.addSeries(APPLE_META, sharedDailySeries('AAPL'));
    });
    afterAll(async () => {
      await fake?.close();
    });

    it('loads incrementally, and an unknown ticker fails alone', async () => {
      const store = createStore(db().db);
      const source = createYahooSource({ fetch: fake.fetch, ratePerSecond: 1000, baseDelayMs: 1, maxDelayMs: 2, log: () => {} });
      // Same ticker as the CSV load above: Yahoo's bars equal the file's, so nothing changes.
      const first = await ingest(source, [{ ticker: 'AAPL', interval: '1d', incremental: true }, { ticker: 'NOPE', interval: '1d', incremental: true }], { store, now: JUST_AFTER });
      expect(first.runs.map((run) => [run.ticker, run.status, run.source])).toEqual([['AAPL', 'succeeded', 'yahoo'], ['NOPE', 'failed', 'yahoo']]);
      expect(first.runs[1]!.error?.code).toBe('unknown_ticker');
      // Incremental: only the newest stored session was asked for again.
      expect(first.runs[0]).toMatchObject({ added: 0, updated: 0, rows: 1 });
      const aaplRequest = fake.requests.find((r) => r.symbol === 'AAPL')!;
      expect(new Date(aaplRequest.period1 * 1000).toISOString().slice(0, 10)).toBe('2026-06-11');
      expect(await store.prices.countBars('NOPE')).toBe(0);
    });
  });
});
