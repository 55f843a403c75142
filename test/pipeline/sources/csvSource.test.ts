import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../core/errors.ts';
import { createCsvSource } from '../../../pipeline/sources/csvSource.ts';
import { csvSeriesFromFileName, listCsvSeries } from '../../../pipeline/sources/csvSeries.ts';

/** The real data beside the project (../shared/data); bad inputs are made from its real lines in a temp folder. */
const SHARED = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
const DAILY_DIR = path.join(SHARED, 'daily');
const INTRADAY_DIR = path.join(SHARED, 'intraday');
const NOW = new Date('2026-07-01T00:00:00Z');
const now = () => NOW;

/** Row counts and date ranges from ../shared/data/README.md. */
const DAILY_FILES: Array<[string, number, string, string]> = [
  ['AAPL', 5032, '2006-06-13', '2026-06-12'], ['AMD', 5032, '2006-06-13', '2026-06-12'], ['AMZN', 5032, '2006-06-13', '2026-06-12'],
  ['GOOGL', 5032, '2006-06-13', '2026-06-12'], ['JPM', 5032, '2006-06-13', '2026-06-12'], ['KO', 5032, '2006-06-13', '2026-06-12'],
  ['MSFT', 5032, '2006-06-13', '2026-06-12'], ['NVDA', 5032, '2006-06-13', '2026-06-12'], ['SPY', 5036, '2003-01-07', '2023-01-06'],
  ['TSLA', 4014, '2010-06-29', '2026-06-12'], ['XOM', 5032, '2006-06-13', '2026-06-12'],
];
const INTRADAY_FILES: Array<[string, string, '1m' | '1h', number, string, string]> = [
  ['AMZN_1h.csv', 'AMZN', '1h', 3547, '2020-12-31T19:00:00-05:00', '2021-12-31T17:00:00-05:00'],
  ['AMZN_1min.csv', 'AMZN', '1m', 2450, '2020-12-31T19:01:00-05:00', '2021-01-08T17:58:00-05:00'],
  ['SPY_1min.csv', 'SPY', '1m', 12131, '2021-07-01T12:56:00-04:00', '2021-08-13T16:43:00-04:00'],
];

describe('csv source: the shared files', () => {
  it('lists the 11 daily files as daily series named after their files', async () => {
    const series = await listCsvSeries(DAILY_DIR);
    expect(series.map((one) => [one.ticker, one.interval])).toEqual(DAILY_FILES.map(([ticker]) => [ticker, '1d']));
  });

  it.each(DAILY_FILES)('loads %s daily: %i rows from %s to %s', async (ticker, rows, first, last) => {
    const batch = await createCsvSource(DAILY_DIR, { now }).fetch({ ticker, interval: '1d' });
    expect(batch).toMatchObject({ ticker, interval: '1d', source: `csv:${ticker}.csv`, instrument: { ticker }, dropped: [] });
    expect(batch.bars).toHaveLength(rows);
    expect(batch.bars[0]!.ts).toEqual(new Date(`${first}T00:00:00Z`));
    expect(batch.bars[rows - 1]!.ts).toEqual(new Date(`${last}T00:00:00Z`));
    expect(batch.bars.every((bar) => bar.adjClose !== null && bar.adjClose <= bar.close + 1e-9)).toBe(true);
  });

  it('lists the intraday folder with the interval each file name says', async () => {
    const series = await listCsvSeries(INTRADAY_DIR);
    expect(series.map((one) => [one.ticker, one.interval, path.basename(one.file)])).toEqual([
      ['AMZN', '1h', 'AMZN_1h.csv'], ['AMZN', '1m', 'AMZN_1min.csv'], ['SPY', '1m', 'SPY_1min.csv'],
    ]);
  });

  it.each(INTRADAY_FILES)('loads %s as %s %s: %i bars from %s to %s', async (file, ticker, interval, rows, first, last) => {
    const batch = await createCsvSource(path.join(INTRADAY_DIR, file), { now }).fetch({ ticker, interval });
    expect(batch).toMatchObject({ ticker, interval, source: `csv:${file}`, dropped: [] });
    expect(batch.bars).toHaveLength(rows);
    expect(batch.bars[0]!.ts).toEqual(new Date(first));
    expect(batch.bars[rows - 1]!.ts).toEqual(new Date(last));
    expect(batch.bars.every((bar) => bar.adjClose === null)).toBe(true);
  });

  it('returns only the requested range', async () => {
    const batch = await createCsvSource(DAILY_DIR, { now }).fetch({ ticker: 'AAPL', interval: '1d', from: new Date('2020-01-02'), to: new Date('2020-02-01') });
    expect(batch.bars).toHaveLength(21);
  });
});

describe('csv source: file names', () => {
  it.each([
    ['AAPL.csv', 'AAPL', '1d'], ['aapl.csv', 'AAPL', '1d'], ['SPY_1min.csv', 'SPY', '1m'], ['AMZN_1h.csv', 'AMZN', '1h'],
    ['X_5min.csv', 'X', '5m'], ['X_5m.csv', 'X', '5m'], ['BRK-B.csv', 'BRK-B', '1d'], ['^GSPC_1d.csv', '^GSPC', '1d'],
  ])('%s → %s %s', (file, ticker, interval) => {
    expect(csvSeriesFromFileName(file)).toEqual({ ticker, interval, file });
  });

  it.each(['my prices.csv', 'BRK_B.csv', 'X_15min.csv'])('refuses %s, naming it', (file) => {
    expect(() => csvSeriesFromFileName(file)).toThrow(new RegExp(`'${file.replace('^', '\\^')}' does not name a ticker`));
  });
});

describe('csv source: bad input', () => {
  let dir: string;
  const aaplLines = fs.readFileSync(path.join(DAILY_DIR, 'AAPL.csv'), 'utf8').split('\n').slice(0, 6);
  const [header, ...rows] = aaplLines as [string, ...string[]];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-csv-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Writes `lines` as `name` in a folder of its own and fetches it. */
  async function load(name: string, lines: string[]) {
    const folder = fs.mkdtempSync(path.join(dir, 'case-'));
    const file = path.join(folder, name);
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const { ticker, interval } = csvSeriesFromFileName(name);
    return { file, result: createCsvSource(file, { now }).fetch({ ticker, interval }) };
  }

  async function expectUserError(name: string, lines: string[], code: string, message: (file: string) => string | RegExp) {
    const { file, result } = await load(name, lines);
    const error = await result.then(() => null, (err: unknown) => err);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ code });
    const expected = message(file);
    if (typeof expected === 'string') expect((error as Error).message).toContain(expected);
    else expect((error as Error).message).toMatch(expected);
  }

  it('refuses a row with the wrong number of fields, naming file and line', async () => {
    await expectUserError('AAPL.csv', [header, rows[0]!, rows[1]!.split(',').slice(0, 5).join(',')], 'csv_malformed', (file) => `${file}:3: expected 7 fields, found 5`);
  });

  it('refuses a wrong header, naming line 1', async () => {
    await expectUserError('AAPL.csv', ['day,o,h,l,c,adj,vol', rows[0]!], 'csv_bad_header', (file) => `${file}:1: header lacks date|timestamp, open, high, low, close, volume`);
  });

  it('refuses an empty file and a file with only a header', async () => {
    await expectUserError('AAPL.csv', [], 'csv_empty', (file) => `${file}:1: the file is empty`);
    await expectUserError('AAPL.csv', [header], 'csv_empty', (file) => `${file}:2: no rows after the header`);
  });

  it('refuses a non-numeric price', async () => {
    const cells = rows[2]!.split(',');
    cells[4] = 'abc';
    await expectUserError('AAPL.csv', [header, rows[0]!, rows[1]!, cells.join(',')], 'csv_malformed', (file) => `${file}:4: close 'abc' is not a number`);
  });

  it('refuses a negative price', async () => {
    const cells = rows[1]!.split(',');
    cells[3] = `-${cells[3]}`;
    await expectUserError('AAPL.csv', [header, rows[0]!, cells.join(',')], 'csv_malformed', (file) => new RegExp(`^${escape(file)}:3: low -[\\d.]+ is negative$`));
  });

  it('refuses a timestamp repeated within the file, naming both lines', async () => {
    await expectUserError('AAPL.csv', [header, rows[0]!, rows[1]!, rows[2]!, rows[1]!], 'csv_duplicate', (file) => `${file}:5: '2006-06-14' duplicates the bar at line 3 (${file}:3)`);
  });

  it('refuses a date in the future of the injected clock', async () => {
    const future = rows[0]!.replace(/^\d{4}-\d{2}-\d{2}/, '2026-07-03');
    await expectUserError('AAPL.csv', [header, rows[0]!, future], 'csv_future_date', (file) => `${file}:3: date 2026-07-03T00:00:00.000Z is in the future`);
  });

  it('drops the all-null rows of Yahoo\'s own download into `dropped`, keeping the file', async () => {
    const yahooHeader = 'Date,Open,High,Low,Close,Adj Close,Volume';
    const nullRow = `${rows[1]!.slice(0, 10)},null,null,null,null,null,null`;
    const { file, result } = await load('AAPL.csv', [yahooHeader, rows[0]!, nullRow, rows[2]!]);
    const batch = await result;
    expect(batch.bars.map((bar) => bar.ts.toISOString().slice(0, 10))).toEqual(['2006-06-13', '2006-06-15']);
    expect(batch.dropped).toEqual([{
      ticker: 'AAPL', interval: '1d', ts: new Date('2006-06-14T00:00:00Z'), kind: 'bad_value', severity: 'warning',
      detail: `${file}:3: every value is null; row dropped`, data: { file, line: 3 },
    }]);
  });

  it('still refuses a row where only some cells are null', async () => {
    const partly = rows[1]!.split(',').map((cell, i) => (i === 4 ? 'null' : cell)).join(',');
    await expectUserError('AAPL.csv', [header, rows[0]!, partly], 'csv_malformed', (file) => `${file}:3: close 'null' is not a number`);
  });

  it('refuses a file whose bar spacing contradicts the interval in its name', async () => {
    const linked = path.join(fs.mkdtempSync(path.join(dir, 'case-')), 'AMZN_1min.csv');
    fs.symlinkSync(path.join(INTRADAY_DIR, 'AMZN_1h.csv'), linked); // the real hourly file, not copied
    await expect(createCsvSource(linked, { now }).fetch({ ticker: 'AMZN', interval: '1m' }))
      .rejects.toThrow(`${linked}: the name says 1m bars but the bars are 60 minutes apart (median)`);
  });

  it('refuses daily rows in a file named as intraday', async () => {
    await expectUserError('AAPL_5min.csv', [header, ...rows], 'csv_interval_mismatch', (file) => `${file}: the name says 5m bars but the header has a date column (daily bars)`);
  });

  it('says what a path holds when the requested series is not there, and names a missing path', async () => {
    await expect(createCsvSource(INTRADAY_DIR, { now }).fetch({ ticker: 'TSLA', interval: '1m' }))
      .rejects.toThrow(`${INTRADAY_DIR} holds no TSLA 1m bars (it holds AMZN 1h, AMZN 1m, SPY 1m)`);
    await expect(listCsvSeries(path.join(dir, 'nowhere'))).rejects.toMatchObject({ code: 'csv_not_found', message: expect.stringContaining('no such file or folder') });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
