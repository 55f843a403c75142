import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.ts';
import { DAILY_DIR, INTRADAY_DIR } from '../support/sharedData.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-market-'));
const env = { TICKCAST_DATA_DIR: path.join(root, 'data') };
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function csv(name: string, text: string): string {
  const file = path.join(root, name);
  fs.writeFileSync(file, text);
  return file;
}

describe('tickcast ingest, prices, quality, features', () => {
  beforeAll(async () => {
    const result = await runCli(['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', 'AMD,KO', '--json'], env);
    expect(result.code).toBe(0);
  });

  it('ingest --json prints the runs contract and a re-run adds nothing', async () => {
    const result = await runCli(['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', 'amd,KO', '--json'], env);
    expect(result.code).toBe(0);
    const { runs } = JSON.parse(result.stdout);
    expect(runs).toHaveLength(2);
    for (const run of runs) {
      expect(Object.keys(run)).toEqual(expect.arrayContaining(['ticker', 'interval', 'source', 'added', 'updated', 'rows', 'snapshot']));
      expect(run).toMatchObject({ interval: '1d', added: 0, updated: 0, rows: 5032, status: 'succeeded' });
      expect(run.snapshot).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(runs.map((r: { source: string }) => r.source)).toEqual(['csv:AMD.csv', 'csv:KO.csv']);
  });

  it('quality --json lists findings with the contract fields; AMD has its placeholder bar', async () => {
    const result = await runCli(['quality', 'AMD', '--json'], env);
    expect(result.code).toBe(0);
    const { findings } = JSON.parse(result.stdout);
    const placeholder = findings.find((f: { kind: string }) => f.kind === 'placeholder_bar');
    expect(placeholder).toMatchObject({ ticker: 'AMD', interval: '1d', ts: '2015-01-02T00:00:00.000Z', severity: 'warning' });
    expect(placeholder.detail).toContain('2.67');
    for (const f of findings) expect(Object.keys(f)).toEqual(['ticker', 'interval', 'ts', 'kind', 'severity', 'detail']);
  });

  it('prices --json returns the newest N bars oldest first', async () => {
    const result = await runCli(['prices', 'KO', '--last', '2', '--json'], env);
    expect(JSON.parse(result.stdout)).toEqual({
      ticker: 'KO', interval: '1d',
      rows: [
        expect.objectContaining({ date: '2026-06-11' }),
        expect.objectContaining({ date: '2026-06-12', adj_close: expect.any(Number), volume: expect.any(Number) }),
      ],
    });
  });

  it('features --json has every DESIGN.md column, warm after 200 sessions', async () => {
    const result = await runCli(['features', 'KO', '--last', '3', '--json'], env);
    const { ticker, rows } = JSON.parse(result.stdout);
    expect(ticker).toBe('KO');
    expect(rows).toHaveLength(3);
    const columns = ['date', 'close', 'ret', 'logret', 'sma_7', 'sma_30', 'sma_50', 'sma_200', 'vol_10', 'vol_30', 'rsi_14', 'macd', 'macd_signal', 'macd_hist', 'bb_pctb', 'bb_width', 'atr_14'];
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(expect.arrayContaining(columns));
      for (const column of columns.slice(1)) expect(typeof row[column]).toBe('number');
    }
    expect(rows[2].date).toBe('2026-06-12');
  });

  it('an unknown ticker: one clear line, exit 2', async () => {
    for (const args of [['prices', 'ZZZZ'], ['features', 'ZZZZ'], ['quality', 'ZZZZ']]) {
      const result = await runCli(args, env);
      expect(result.code).toBe(2);
      expect(result.stderr.trim()).toMatch(/^tickcast: no bars stored for ZZZZ; load them first/);
    }
  });
});

describe('tickcast ingest with bad input changes nothing', () => {
  const bad = { TICKCAST_DATA_DIR: path.join(root, 'bad-data') };
  const cases: [string, string, RegExp][] = [
    ['EMPTY.csv', '', /EMPTY\.csv:1: the file is empty/],
    ['HEADER.csv', 'day,o,h,l,c\n2024-01-02,1,1,1,1\n', /HEADER\.csv:1: header lacks date\|timestamp, open, high, low, close, volume/],
    ['NEG.csv', 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,2,0.5,1.5,1.5,10\n2024-01-03,-1,2,0.5,1.5,1.5,10\n', /NEG\.csv:3: open -1 is negative/],
    ['TEXT.csv', 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,2,0.5,one,1.5,10\n', /TEXT\.csv:2: close 'one' is not a number/],
    ['SHORT.csv', 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,2,0.5\n', /SHORT\.csv:2: expected 7 fields, found 4/],
    ['DUPE.csv', 'date,open,high,low,close,adj_close,volume\n2024-01-02,1,2,0.5,1.5,1.5,10\n2024-01-02,1,2,0.5,1.5,1.5,10\n', /DUPE\.csv:3: .*2024-01-02.*line 2/],
    ['FUTURE.csv', 'date,open,high,low,close,adj_close,volume\n2099-01-02,1,2,0.5,1.5,1.5,10\n', /FUTURE\.csv:2: .*future/],
  ];

  it.each(cases)('%s: the message names file and line; exit non-zero; nothing stored', async (name, text, message) => {
    const file = csv(name, text);
    const result = await runCli(['ingest', '--source', `csv:${file}`, '--json'], bad);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    const runs = JSON.parse(result.stdout).runs;
    expect(runs).toEqual([expect.objectContaining({ status: 'failed', added: 0 })]);
    const prices = await runCli(['prices', name.replace('.csv', ''), '--json'], bad);
    expect(prices.code).toBe(2);
  });

  it('refuses bad options before touching anything', async () => {
    const cases: [string[], RegExp][] = [
      [['ingest', '--source', 'ftp://x'], /unknown source 'ftp:\/\/x'/],
      [['ingest', '--source', 'csv:'], /csv needs a path/],
      [['ingest', '--source', `csv:${path.join(root, 'missing')}`], /missing/],
      [['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', 'AAPL,NOPE'], /no NOPE .*series in/],
      [['ingest', '--source', 'sample', '--tickers', 'AAPL'], /no AAPL .*series in the offline sample/],
      [['ingest', '--source', 'sample', '--from', '2020-02-30'], /'2020-02-30' is not a real date/],
      [['ingest', '--source', 'sample', '--from', '2020-01-01', '--to', '2019-01-01'], /--from 2020-01-01 is not before --to 2019-01-01/],
      [['ingest', '--source', `csv:${INTRADAY_DIR}`, '--interval', '2h'], /'2h' is not one of 1d, 1h, 5m, 1m/],
      [['prices', 'not a ticker'], /'not a ticker' is not a ticker symbol/],
      [['prices', 'AAPL', '--last', '0'], /'0' is not a positive whole number/],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, bad);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const status = JSON.parse((await runCli(['db', 'status', '--json'], bad)).stdout);
    expect(status.rowCounts?.bars ?? 0).toBe(0);
  });
});
