import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingest } from '../../pipeline/ingest/ingest.ts';
import { createYahooSource, type YahooSourceOptions } from '../../pipeline/sources/yahooSource.ts';
import { createStore } from '../../storage/store.ts';
import { startFakeYahoo, type FakeYahooServer, type ScriptedAnswer } from '../fakes/yahooChartServer.ts';
import { APPLE_META, sharedDailySeries, sharedIntradaySeries } from '../fakes/yahooSharedSeries.ts';
import { createFakeClock } from '../pipeline/sources/fakeClock.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

/**
 * Yahoo having a bad day, seen from ingestion: the real yahoo-finance2 client against a local fake of Yahoo's chart
 * API that answers 5xx, 429, garbage or nothing. Each fault must cost a bounded number of requests, end in a
 * `failed` run that says why in one line, leave none of the series' rows behind, and leave the next series alone.
 */

const INTERNAL_ERROR: ScriptedAnswer = { status: 500, body: '{"chart":{"result":null,"error":{"code":"Internal Server Error","description":"Internal Server Error"}}}' };
const TOO_MANY: ScriptedAnswer = { status: 429, headers: { 'retry-after': '2' }, body: 'Too Many Requests' };
const RANGE = { from: new Date('2024-01-02T00:00:00Z'), to: new Date('2024-03-01T00:00:00Z') };
/** Sessions from 2024-01-02 to 2024-02-29 (the range's end is exclusive). */
const SESSIONS_IN_RANGE = 41;
const AFTER_DATA = new Date('2026-06-15T12:00:00Z');

describe.each(ENGINES)('ingesting from a failing Yahoo on $name', (engine) => {
  const db = useTestDatabase(engine);
  const store = () => createStore(db().db);
  let fake: FakeYahooServer;

  beforeAll(async () => {
    fake = await startFakeYahoo();
    fake.addSeries(APPLE_META, sharedDailySeries('AAPL'));
    fake.addSeries({ ...APPLE_META, symbol: 'MSFT', longName: 'Microsoft Corporation', shortName: 'Microsoft' }, sharedDailySeries('MSFT'));
    fake.addSeries({ ...APPLE_META, symbol: 'SPY', longName: 'SPDR S&P 500 ETF Trust', instrumentType: 'ETF', exchangeName: 'PCX', fullExchangeName: 'NYSEArca' }, sharedIntradaySeries('SPY_1min.csv', '1m'));
  });
  afterAll(() => fake.close());
  beforeEach(async () => {
    fake.reset();
    await db().rows(sql`truncate bars, quality_findings, ingestion_runs, instruments cascade`);
  });

  /** The real source on a clock whose sleeps are recorded and instant, except where a test wants real time outs. */
  function yahoo(options: YahooSourceOptions = {}) {
    const clock = createFakeClock(AFTER_DATA);
    const source = createYahooSource({ fetch: fake.fetch, now: clock.now, sleep: clock.sleep, random: () => 0.5, ratePerSecond: 1000, log: () => {}, ...options });
    return { source, clock };
  }

  /** AAPL first (the one the scripted faults hit), then MSFT, which must load as if nothing happened. */
  async function ingestBoth(options: YahooSourceOptions = {}) {
    const { source, clock } = yahoo(options);
    const { runs } = await ingest(source, [{ ticker: 'AAPL', interval: '1d', ...RANGE }, { ticker: 'MSFT', interval: '1d', ...RANGE }], { store: store(), now: () => AFTER_DATA });
    return { runs, sleeps: clock.sleeps, aaplRequests: fake.requests.filter((r) => r.symbol === 'AAPL').length };
  }

  async function expectOnlyMsftLoaded(error: RegExp): Promise<void> {
    expect(await store().prices.countBars('AAPL')).toBe(0);
    expect(await store().quality.listFindings({ ticker: 'AAPL' })).toEqual([]);
    expect(await store().prices.countBars('MSFT')).toBe(SESSIONS_IN_RANGE);
    const [recorded] = await store().runs.list({ ticker: 'AAPL' });
    expect(recorded).toMatchObject({ status: 'failed', source: 'yahoo', rowsRead: 0, rowsAdded: 0 });
    expect(recorded!.error).toMatch(error);
    expect(recorded!.error).not.toContain('\n');
    expect(recorded!.finishedAt).toBeInstanceOf(Date);
    expect((await store().runs.list({ ticker: 'MSFT' })).map((run) => run.status)).toEqual(['succeeded']);
  }

  it('HTTP 500 on every attempt: four requests with growing backoff, then a failed run naming the status', async () => {
    fake.script(...Array.from({ length: 4 }, () => INTERNAL_ERROR));
    const { runs, sleeps, aaplRequests } = await ingestBoth();
    expect(runs.map((run) => [run.ticker, run.status])).toEqual([['AAPL', 'failed'], ['MSFT', 'succeeded']]);
    expect(runs[0]!.error).toMatchObject({ code: 'yahoo_unreachable', message: expect.stringMatching(/^Yahoo Finance could not be reached for AAPL \(4 attempts, last: HTTP 500\)/) });
    expect(aaplRequests).toBe(4);
    expect(sleeps).toEqual([375, 750, 1500]);
    await expectOnlyMsftLoaded(/^Yahoo Finance could not be reached for AAPL \(4 attempts, last: HTTP 500\)/);
  });

  it('HTTP 429 again and again: waits as asked each time, gives up after four requests', async () => {
    fake.script(...Array.from({ length: 4 }, () => TOO_MANY));
    const { runs, sleeps, aaplRequests } = await ingestBoth();
    expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(runs[0]!.error?.message).toMatch(/\(4 attempts, last: HTTP 429/);
    expect(aaplRequests).toBe(4);
    expect(sleeps).toEqual([2000, 2000, 2000]);
    await expectOnlyMsftLoaded(/last: HTTP 429/);
  });

  it('HTTP 429 asking for an hour: gives up at once rather than stall the run', async () => {
    fake.script({ ...TOO_MANY, headers: { 'retry-after': '3600' } });
    const { runs, sleeps, aaplRequests } = await ingestBoth();
    expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(aaplRequests).toBe(1);
    expect(sleeps).toEqual([]);
    await expectOnlyMsftLoaded(/1 attempt, last: HTTP 429, asked to wait 3600 s/);
  });

  it('a body that is not JSON, and JSON of the wrong shape: a failed run saying the answer was bad', async () => {
    fake.script({ status: 200, body: '<html><body>502 Bad Gateway</body></html>' });
    const garbage = await ingestBoth();
    expect(garbage.runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(garbage.runs[0]!.error).toMatchObject({ code: 'yahoo_bad_response' });
    await expectOnlyMsftLoaded(/malformed JSON/);

    await db().rows(sql`truncate bars, quality_findings, ingestion_runs, instruments cascade`);
    fake.reset();
    fake.script({ status: 200, body: '{"chart":{"result":[{"meta":{"symbol":"AAPL"},"timestamp":"soon"}],"error":null}}' });
    const shape = await ingestBoth();
    expect(shape.runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(shape.runs[0]!.error).toMatchObject({ code: 'yahoo_bad_response' });
    // A bad answer is not retried: asking again would get the same answer.
    expect([garbage.aaplRequests, shape.aaplRequests]).toEqual([1, 1]);
    await expectOnlyMsftLoaded(/^Yahoo's chart answer for AAPL could not be read: /);
  });

  it('no answer at all: each request times out, the run fails within attempts × timeout', async () => {
    fake.script('hang', 'hang');
    const started = performance.now();
    const { source } = yahoo({ maxAttempts: 2, timeoutMs: 250, sleep: async () => {} });
    const { runs } = await ingest(source, [{ ticker: 'AAPL', interval: '1d', ...RANGE }, { ticker: 'MSFT', interval: '1d', ...RANGE }], { store: store(), now: () => AFTER_DATA });
    expect(performance.now() - started).toBeLessThan(2 * 250 + 3000);
    expect(runs.map((run) => run.status)).toEqual(['failed', 'succeeded']);
    expect(fake.requests.filter((r) => r.symbol === 'AAPL')).toHaveLength(2);
    await expectOnlyMsftLoaded(/2 attempts, .*no answer within 0\.25 s/);
  });

  it('a 1-minute series failing in its third 7-day window stores none of the windows that did arrive', async () => {
    const clock = createFakeClock(new Date('2021-08-14T00:00:00Z'));
    let requests = 0;
    // Yahoo answers the first two windows, then only errors: the far end changes its mind half-way.
    const flaky: typeof fetch = (input, init) => (++requests <= 2 ? fake.fetch(input, init) : Promise.resolve(new Response('{"chart":{"result":null,"error":{"code":"Internal Server Error","description":"boom"}}}', { status: 500 })));
    const source = createYahooSource({ fetch: flaky, now: clock.now, sleep: clock.sleep, random: () => 0.5, ratePerSecond: 1000, log: () => {}, includePrePost: true });
    const { runs } = await ingest(source, [{ ticker: 'SPY', interval: '1m', from: new Date('2021-07-20T00:00:00Z') }], { store: store(), now: clock.now });
    expect(runs.map((run) => [run.ticker, run.interval, run.status])).toEqual([['SPY', '1m', 'failed']]);
    expect(fake.requests).toHaveLength(2);
    expect(requests).toBe(2 + 4);
    expect(await store().prices.countBars('SPY', '1m')).toBe(0);
    const [recorded] = await store().runs.list({ ticker: 'SPY' });
    expect(recorded).toMatchObject({ status: 'failed', interval: '1m', rowsAdded: 0, error: expect.stringMatching(/4 attempts, last: HTTP 500/) });
  });
});
