import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.ts';
import { expectChatChart } from '../../support/png.ts';
import { DAILY_DIR } from '../../support/sharedData.ts';

/** `tickcast chat` as a newcomer with no tokens uses it: the real bin, lines on stdin, answers on stdout. */
describe('tickcast chat', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-chat-'));
  const env = { TICKCAST_DATA_DIR: path.join(root, 'data') };
  beforeAll(async () => {
    const loaded = await runCli(['ingest', '--source', `csv:${DAILY_DIR}`, '--tickers', 'AAPL'], env);
    expect(loaded.code, loaded.stderr).toBe(0);
  }, 60_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers a forecast with the table, the skill line and a chart file, and refuses bad input in one line', async () => {
    const { code, stdout, stderr } = await runCli(['chat'], env, undefined, 'forecast AAPL 3\nforecast AAPL 12\nmodel rollback\nfrobnicate\nexit\nforecast MSFT\n');
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/AAPL · 3-session forecast from the close of 2026-06-12 \(291\.13\) · model naive/);
    expect(stdout).toMatch(/date +median +change +80% interval +95% interval/);
    expect(stdout).toMatch(/No edge over tomorrow = today lately: showing the random-walk interval\./);
    expect(stdout).toMatch(/✗ days: must be 1\.\.5 sessions\. Usage: forecast TICKER \[days\]/);
    expect(stdout).toMatch(/✗ `model rollback` is for admins/);
    expect(stdout).toMatch(/✗ `frobnicate` is not a command/);
    expect(stdout).not.toMatch(/MSFT/);
    const chart = /Chart: (.+\.png)/.exec(stdout)?.[1];
    expect(chart).toBeDefined();
    expectChatChart(fs.readFileSync(chart!));
  }, 60_000);

  it('prints one JSON document per command with --json', async () => {
    const { code, stdout } = await runCli(['chat', '--json'], env, undefined, 'price AAPL\nalert add AAPL below 1\n');
    expect(code).toBe(0);
    const [price, alert] = stdout.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; close?: number; rule?: { channel: { surface: string } } });
    expect(price).toMatchObject({ kind: 'price', ticker: 'AAPL', asOf: '2026-06-12' });
    expect(price?.close).toBeCloseTo(291.13, 4);
    expect(alert?.kind).toBe('alertCreated');
    expect(alert?.rule?.channel.surface).toBe('terminal');
  }, 60_000);
});
