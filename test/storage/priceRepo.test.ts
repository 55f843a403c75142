import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Bar } from '../../core/bars.ts';
import { createPriceRepo } from '../../storage/repos/priceRepo.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';
import { dailyTickers, readDaily } from '../support/sharedData.ts';

const day = (iso: string, close: number, extra: Partial<Bar> = {}): Bar => ({
  ts: new Date(`${iso}T00:00:00Z`), open: close, high: close + 1, low: close - 1, close, adjClose: close * 0.9, volume: 1000, ...extra,
});

describe.each(ENGINES)('price repository on $name', (engine) => {
  const db = useTestDatabase(engine);

  it('loading the 11 real daily files twice leaves exactly the rows of loading them once', async () => {
    const prices = createPriceRepo(db().db);
    const tickers = dailyTickers();
    expect(tickers).toHaveLength(11);
    let expected = 0;
    for (const ticker of tickers) {
      const bars = readDaily(ticker);
      expected += bars.length;
      expect(await prices.upsertBars(ticker, '1d', bars)).toEqual({ added: bars.length, updated: 0, unchanged: 0 });
    }
    const snapshot = await db().rows<{ digest: string }>(
      sql`select md5(string_agg(concat_ws(',', ticker, interval, ts, open, high, low, close, adj_close, volume), ';' order by ticker, ts)) as digest from bars`,
    );
    for (const ticker of tickers) {
      const bars = readDaily(ticker);
      expect(await prices.upsertBars(ticker, '1d', bars)).toEqual({ added: 0, updated: 0, unchanged: bars.length });
    }
    expect(await prices.countBars()).toBe(expected);
    expect(await db().rows(sql`select md5(string_agg(concat_ws(',', ticker, interval, ts, open, high, low, close, adj_close, volume), ';' order by ticker, ts)) as digest from bars`)).toEqual(snapshot);
    // Values survive the round trip bit for bit (the files carry float32 noise such as 2.057499885559082).
    const aapl = readDaily('AAPL');
    const stored = await prices.listBars('AAPL', '1d');
    expect(stored).toEqual(aapl);
  });

  it('counts a changed bar as updated and leaves its neighbours alone', async () => {
    const prices = createPriceRepo(db().db);
    const bars = [day('2024-01-02', 10), day('2024-01-03', 11), day('2024-01-04', 12)];
    expect(await prices.upsertBars('UPD', '1d', bars)).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const revised = [bars[0]!, { ...bars[1]!, close: 11.5, volume: 2000 }, bars[2]!, day('2024-01-05', 13)];
    expect(await prices.upsertBars('UPD', '1d', revised)).toEqual({ added: 1, updated: 1, unchanged: 2 });
    const stored = await prices.listBars('UPD', '1d');
    expect(stored.map((b) => b.close)).toEqual([10, 11.5, 12, 13]);
    expect(stored[1]!.volume).toBe(2000);
  });

  it('keeps daily and intraday bars of one ticker apart', async () => {
    const prices = createPriceRepo(db().db);
    const minute = { ...day('2024-01-02', 5), ts: new Date('2024-01-02T14:30:00Z'), adjClose: null };
    await prices.upsertBars('MIX', '1d', [day('2024-01-02', 5)]);
    expect(await prices.upsertBars('MIX', '1m', [minute])).toEqual({ added: 1, updated: 0, unchanged: 0 });
    expect(await prices.countBars('MIX', '1d')).toBe(1);
    expect(await prices.countBars('MIX', '1m')).toBe(1);
    expect((await prices.listBars('MIX', '1m'))[0]).toEqual(minute);
  });

  it('refuses a load holding two bars for one timestamp and writes nothing of it', async () => {
    const prices = createPriceRepo(db().db);
    const bars = [day('2024-02-01', 1), day('2024-02-02', 2), day('2024-02-02', 3)];
    await expect(prices.upsertBars('DUP', '1d', bars)).rejects.toThrow(/two bars for 2024-02-02/);
    expect(await prices.countBars('DUP')).toBe(0);
  });

  it('rolls back the whole load when the database rejects a row', async () => {
    const prices = createPriceRepo(db().db);
    const bars = Array.from({ length: 30_000 }, (_, i) => ({ ...day('2000-01-01', 10), ts: new Date(Date.UTC(2000, 0, 1) + i * 60_000) }));
    bars[25_000] = { ...bars[25_000]!, volume: Number.MAX_VALUE }; // overflows bigint in the second chunk
    await expect(prices.upsertBars('ROLL', '1m', bars)).rejects.toThrow();
    expect(await prices.countBars('ROLL')).toBe(0);
  });

  it('answers range and last-N queries oldest first', async () => {
    const prices = createPriceRepo(db().db);
    const last = await prices.listBars('MSFT', '1d', { last: 3 });
    expect(last.map((b) => b.ts.toISOString().slice(0, 10))).toEqual(['2026-06-10', '2026-06-11', '2026-06-12']);
    const range = await prices.listBars('MSFT', '1d', { from: new Date('2020-03-16'), to: new Date('2020-03-20') });
    expect(range.map((b) => b.ts.toISOString().slice(0, 10))).toEqual(['2020-03-16', '2020-03-17', '2020-03-18', '2020-03-19', '2020-03-20']);
    expect(await prices.lastBarTime('MSFT', '1d')).toEqual(new Date('2026-06-12T00:00:00Z'));
    expect(await prices.lastBarTime('NOPE', '1d')).toBeNull();
  });

  it('creates the instrument row with its bars and keeps known details on refresh', async () => {
    const prices = createPriceRepo(db().db);
    await prices.ensureInstrument({ ticker: 'KO', name: 'Coca-Cola', kind: 'equity' });
    await prices.ensureInstrument({ ticker: 'KO' });
    const rows = await db().rows<{ ticker: string; name: string; kind: string }>(sql`select ticker, name, kind from instruments where ticker = 'KO'`);
    expect(rows).toEqual([{ ticker: 'KO', name: 'Coca-Cola', kind: 'equity' }]);
    const orphans = await db().rows<{ n: number }>(sql`select count(*)::int as n from bars b where not exists (select 1 from instruments i where i.ticker = b.ticker)`);
    expect(orphans[0]!.n).toBe(0);
  });
});
