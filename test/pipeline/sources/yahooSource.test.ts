import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TemporaryError, UserError } from '../../../core/errors.ts';
import type { FetchRequest } from '../../../core/sources.ts';
import { createYahooSource, type YahooSourceOptions } from '../../../pipeline/sources/yahooSource.ts';
import { startFakeYahoo, type FakeYahooServer } from '../../fakes/yahooChartServer.ts';
import {
  APPLE_META, openEpochSeconds, readSharedCsv, sharedDailySeries, sharedIntradaySeries, type SharedRow,
} from '../../fakes/yahooSharedSeries.ts';
import { createFakeClock, type FakeClock } from './fakeClock.ts';

const AAPL_ROWS = readSharedCsv('daily/AAPL.csv');
const DAY = 86_400;
const AFTER_DAILY_DATA = new Date('2026-06-13T00:00:00Z');
const INTERNAL_ERROR = { status: 500, body: '{"chart":{"result":null,"error":{"code":"Internal Server Error","description":"Internal Server Error"}}}' };

let fake: FakeYahooServer;
let clock: FakeClock;

beforeAll(async () => {
  fake = await startFakeYahoo();
  fake.addSeries(APPLE_META, sharedDailySeries('AAPL'));
  fake.addSeries({ ...APPLE_META, symbol: 'AMZN', longName: 'Amazon.com, Inc.' }, sharedIntradaySeries('AMZN_1h.csv', '1h'));
  fake.addSeries({ ...APPLE_META, symbol: 'SPY', longName: 'SPDR S&P 500 ETF Trust', instrumentType: 'ETF', exchangeName: 'PCX', fullExchangeName: 'NYSEArca' }, sharedIntradaySeries('SPY_1min.csv', '1m'));
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  clock = createFakeClock(AFTER_DAILY_DATA);
});

/** A source on the fake clock; rate cap effectively off unless a test sets it, so only the waits under test show. */
function yahoo(options: YahooSourceOptions = {}) {
  return createYahooSource({ fetch: fake.fetch, now: clock.now, sleep: clock.sleep, random: () => 0.5, ratePerSecond: 1000, log: () => {}, ...options });
}

const daily = (from?: string, to?: string): FetchRequest => ({
  ticker: 'AAPL', interval: '1d', ...(from ? { from: new Date(`${from}T00:00:00Z`) } : {}), ...(to ? { to: new Date(`${to}T00:00:00Z`) } : {}),
});

function expectDailyBarsEqual(bars: Awaited<ReturnType<ReturnType<typeof yahoo>['fetch']>>['bars'], rows: SharedRow[]) {
  expect(bars).toHaveLength(rows.length);
  bars.forEach((bar, i) => {
    const row = rows[i]!;
    expect(bar).toEqual({ ts: new Date(`${row.time}T00:00:00Z`), open: row.open, high: row.high, low: row.low, close: row.close, adjClose: row.adjClose, volume: row.volume });
  });
}

describe('yahoo source: data', () => {
  it('returns every daily bar of the shared AAPL file with its exact values, stamped at midnight UTC of the session', async () => {
    const batch = await yahoo().fetch(daily());
    expectDailyBarsEqual(batch.bars, AAPL_ROWS);
    expect(batch).toMatchObject({ ticker: 'AAPL', interval: '1d', source: 'yahoo', dropped: [] });
    expect(batch.instrument).toEqual({ ticker: 'AAPL', name: 'Apple Inc.', exchange: 'NasdaqGS', currency: 'USD', kind: 'equity' });
    expect(fake.requests).toHaveLength(1);
  });

  it('moves Yahoo open-time stamps (13:30Z in summer, 14:30Z in winter) to midnight UTC of the New York session date', async () => {
    const series = sharedDailySeries('AAPL');
    const summer = series.rows.find((row) => row.t === Date.parse('2020-07-01T13:30:00Z') / 1000);
    const winter = series.rows.find((row) => row.t === Date.parse('2020-01-02T14:30:00Z') / 1000);
    expect(summer && winter).toBeTruthy(); // the fake stamps like Yahoo
    const { bars } = await yahoo().fetch(daily('2020-01-02', '2020-07-02'));
    expect(bars[0]!.ts.toISOString()).toBe('2020-01-02T00:00:00.000Z');
    expect(bars[bars.length - 1]!.ts.toISOString()).toBe('2020-07-01T00:00:00.000Z');
  });

  it('keys bars by the session date in the exchange zone even when the open falls on the previous UTC day', async () => {
    const sydney = { timeZone: 'Australia/Sydney', openHour: 10, openMinute: 0 };
    fake.addSeries({ ...APPLE_META, symbol: 'AAPL.AX', exchangeTimezoneName: 'Australia/Sydney', timezone: 'AEDT', gmtoffset: 39600 }, sharedDailySeries('AAPL', sydney));
    expect(new Date(openEpochSeconds('2020-01-02', sydney) * 1000).toISOString()).toBe('2020-01-01T23:00:00.000Z');
    const { bars } = await yahoo().fetch({ ...daily('2020-01-02', '2021-01-01'), ticker: 'AAPL.AX' });
    expectDailyBarsEqual(bars, AAPL_ROWS.filter((row) => row.time >= '2020-01-02' && row.time < '2021-01-01'));
  });

  it('asks Yahoo for the requested range, padded a day each side for time zones, and returns only that range', async () => {
    const { bars } = await yahoo().fetch(daily('2020-01-02', '2020-02-01'));
    expect(fake.requests).toEqual([expect.objectContaining({ symbol: 'AAPL', interval: '1d', period1: Date.UTC(2020, 0, 1) / 1000, period2: Date.UTC(2020, 1, 2) / 1000 })]);
    expectDailyBarsEqual(bars, AAPL_ROWS.filter((row) => row.time >= '2020-01-02' && row.time < '2020-02-01'));
    expect(bars).toHaveLength(21);
  });

  it('returns intraday bars at their start time with no adjClose, pre/post-market included on request', async () => {
    clock = createFakeClock(new Date('2022-01-01T12:00:00Z'));
    const rows = readSharedCsv('intraday/AMZN_1h.csv');
    const batch = await yahoo({ includePrePost: true }).fetch({ ticker: 'AMZN', interval: '1h' });
    expect(batch.bars).toHaveLength(3547);
    batch.bars.forEach((bar, i) => {
      const row = rows[i]!;
      expect(bar).toEqual({ ts: new Date(row.time), open: row.open, high: row.high, low: row.low, close: row.close, adjClose: null, volume: row.volume });
    });
  });

  it('keeps to the regular session by default', async () => {
    clock = createFakeClock(new Date('2022-01-01T12:00:00Z'));
    const regular = readSharedCsv('intraday/AMZN_1h.csv').filter((row) => {
      const [hour, minute] = row.time.slice(11, 16).split(':').map(Number); // exchange-local time as written
      return hour! * 60 + minute! >= 570 && hour! * 60 + minute! < 960;
    });
    const { bars } = await yahoo().fetch({ ticker: 'AMZN', interval: '1h' });
    expect(fake.requests[0]!.includePrePost).toBe(false);
    expect(bars.map((bar) => bar.ts.getTime())).toEqual(regular.map((row) => Date.parse(row.time)));
  });

  it('splits a 1m range into requests of at most 7 days that tile it, and joins them without gaps or repeats', async () => {
    clock = createFakeClock(new Date('2021-08-14T00:00:00Z'));
    const from = new Date('2021-07-20T00:00:00Z');
    const { bars } = await yahoo({ includePrePost: true }).fetch({ ticker: 'SPY', interval: '1m', from });
    expect(fake.requests).toHaveLength(4);
    expect(fake.requests[0]!.period1).toBe(from.getTime() / 1000);
    expect(fake.requests[3]!.period2).toBe(clock.now().getTime() / 1000);
    fake.requests.forEach((request, i) => {
      expect(request.period2 - request.period1).toBeLessThanOrEqual(7 * DAY);
      if (i > 0) expect(request.period1).toBe(fake.requests[i - 1]!.period2);
    });
    const expected = readSharedCsv('intraday/SPY_1min.csv').filter((row) => Date.parse(row.time) >= from.getTime());
    expect(bars.map((bar) => [bar.ts.getTime(), bar.close, bar.volume])).toEqual(expected.map((row) => [Date.parse(row.time), row.close, row.volume]));
    expect(bars.length).toBeGreaterThan(5000);
  });

  it('drops rows with nulls into `dropped` as bad_value warnings and keeps the rest', async () => {
    const series = sharedDailySeries('AAPL');
    const nulled = series.rows.map((row) => {
      const date = new Date(row.t * 1000).toISOString().slice(0, 10);
      if (date === '2020-01-10') return { ...row, open: null, high: null, low: null, close: null, volume: null, adjclose: null };
      if (date === '2020-01-15') return { ...row, close: null };
      return row;
    });
    fake.addSeries({ ...APPLE_META, symbol: 'AAPLNULL' }, { interval: '1d', rows: nulled });
    const batch = await yahoo().fetch({ ...daily('2020-01-02', '2020-02-01'), ticker: 'AAPLNULL' });
    expect(batch.bars).toHaveLength(19);
    expect(batch.bars.map((bar) => bar.ts.toISOString().slice(0, 10))).not.toContain('2020-01-10');
    expect(batch.dropped).toEqual([
      expect.objectContaining({ ticker: 'AAPLNULL', interval: '1d', ts: new Date('2020-01-10T00:00:00Z'), kind: 'bad_value', severity: 'warning', detail: expect.stringContaining('2020-01-10') }),
      expect.objectContaining({ ts: new Date('2020-01-15T00:00:00Z'), kind: 'bad_value', severity: 'warning', detail: expect.stringMatching(/null close for 2020-01-15/) }),
    ]);
  });
});

describe('yahoo source: failures', () => {
  it('reports an unknown or delisted ticker as a UserError naming it, without retrying', async () => {
    const failure = yahoo().fetch({ ...daily(), ticker: 'NOPE' });
    await expect(failure).rejects.toBeInstanceOf(UserError);
    await expect(failure).rejects.toMatchObject({ code: 'unknown_ticker', message: expect.stringMatching(/unknown ticker NOPE.*may be delisted/) });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses something that is not a ticker before any request', async () => {
    await expect(yahoo().fetch({ ...daily(), ticker: '../quote' })).rejects.toMatchObject({ code: 'bad_ticker' });
    expect(fake.requests).toHaveLength(0);
  });

  it('waits as long as a 429 Retry-After asks, then succeeds', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '3' }, body: 'Too Many Requests' });
    const { bars } = await yahoo().fetch(daily('2020-01-02', '2020-02-01'));
    expect(bars).toHaveLength(21);
    expect(fake.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('retries HTTP 500 with growing jittered backoff and succeeds on the fourth attempt', async () => {
    fake.script(INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR);
    const { bars } = await yahoo().fetch(daily('2020-01-02', '2020-02-01'));
    expect(bars).toHaveLength(21);
    expect(fake.requests).toHaveLength(4);
    expect(clock.sleeps).toEqual([375, 750, 1500]); // 500 ms doubling, jitter at its midpoint
  });

  it('gives up after the bounded number of attempts with a one-line yahoo_unreachable that suggests the offline sources', async () => {
    fake.script(...Array.from({ length: 6 }, () => INTERNAL_ERROR));
    const failure = yahoo().fetch(daily('2020-01-02', '2020-02-01'));
    await expect(failure).rejects.toBeInstanceOf(TemporaryError);
    const error = (await failure.catch((err: unknown) => err)) as TemporaryError;
    expect(error.code).toBe('yahoo_unreachable');
    expect(error.message).toMatch(/^Yahoo Finance could not be reached for AAPL \(4 attempts, last: HTTP 500\).*--source sample or --source csv:PATH$/);
    expect(error.message).not.toContain('\n');
    expect(fake.requests).toHaveLength(4);
  });

  it('gives up at once when Retry-After asks for longer than it is willing to wait', async () => {
    fake.script({ status: 429, headers: { 'retry-after': '120' }, body: 'Too Many Requests' });
    const failure = yahoo().fetch(daily('2020-01-02', '2020-02-01'));
    await expect(failure).rejects.toMatchObject({ code: 'yahoo_unreachable', message: expect.stringContaining('1 attempt, last: HTTP 429, asked to wait 120 s') });
    expect(fake.requests).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('retries network errors (connection refused) and then reports yahoo_unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve)); // the port is now free: connections are refused
    let attempts = 0;
    const refused: typeof fetch = (_input, init) => {
      attempts++;
      return globalThis.fetch(`http://127.0.0.1:${port}/v8/finance/chart/AAPL`, init);
    };
    await expect(yahoo({ fetch: refused }).fetch(daily('2020-01-02', '2020-02-01')))
      .rejects.toMatchObject({ code: 'yahoo_unreachable', message: expect.stringContaining('network error: connect ECONNREFUSED') });
    expect(attempts).toBe(4);
  });

  it('times out a request that never gets an answer and gives up within attempts × timeout', async () => {
    fake.script('hang', 'hang');
    const started = performance.now();
    const failure = yahoo({ maxAttempts: 2, timeoutMs: 250 }).fetch(daily('2020-01-02', '2020-02-01'));
    await expect(failure).rejects.toMatchObject({ code: 'yahoo_unreachable', message: expect.stringContaining('no answer within 0.25 s') });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(2 * 250 - 20);
    expect(elapsed).toBeLessThan(2 * 250 + 1500);
    expect(fake.requests).toHaveLength(2);
  });

  it('stops at once, without retrying, when the caller aborts', async () => {
    fake.script('hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(yahoo().fetch(daily('2020-01-02', '2020-02-01'), controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports malformed JSON as a TemporaryError saying so', async () => {
    fake.script({ status: 200, body: '{"chart":{"result":[{"meta":' });
    const failure = yahoo().fetch(daily('2020-01-02', '2020-02-01'));
    await expect(failure).rejects.toBeInstanceOf(TemporaryError);
    await expect(failure).rejects.toMatchObject({ code: 'yahoo_bad_response', message: expect.stringContaining('malformed JSON') });
  });

  it('reports an answer of the wrong shape as a TemporaryError', async () => {
    fake.script({ status: 200, body: '{"chart":{"result":null,"error":null}}' });
    await expect(yahoo().fetch(daily('2020-01-02', '2020-02-01'))).rejects.toMatchObject({ code: 'yahoo_bad_response' });
  });

  it('reports a request Yahoo refuses (HTTP 400) as a UserError with Yahoo\'s reason', async () => {
    fake.script({ status: 400, body: '{"chart":{"result":null,"error":{"code":"Bad Request","description":"Invalid input - interval=7m is not supported."}}}' });
    await expect(yahoo().fetch(daily('2020-01-02', '2020-02-01'))).rejects.toMatchObject({ code: 'yahoo_bad_request', message: expect.stringContaining('interval=7m is not supported') });
  });
});

describe('yahoo source: politeness', () => {
  it('caps the request rate: at 2 requests/s with a burst of 1, five requests take at least 2 s', async () => {
    const source = yahoo({ ratePerSecond: 2, burst: 1 });
    for (let i = 0; i < 5; i++) await source.fetch(daily('2020-01-02', '2020-01-10'));
    expect(fake.requests).toHaveLength(5);
    expect(clock.sleeps).toEqual([500, 500, 500, 500]);
    expect(clock.elapsedMs()).toBeGreaterThanOrEqual(2000);
  });

  it('silences yahoo-finance2\'s "Unsupported environment" notice on Node 20', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      createYahooSource();
      const written = [...stderr.mock.calls, ...warn.mock.calls].map((call) => String(call[0])).join('\n');
      expect(written).not.toContain('Unsupported environment');
    } finally {
      stderr.mockRestore();
      warn.mockRestore();
    }
  });
});
