import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runCli } from '../support/cli.ts';
import { parsePrometheus } from '../support/prometheus.ts';

describe('tickcast start', () => {
  it('on a fresh folder, offline: loads the sample, trains, forecasts, renders the first report, serves the API, /reports and /metrics, stops cleanly', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-start-')), 'data');
    const env = { PATH: process.env.PATH ?? '', TICKCAST_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' };
    const child = spawn(process.execPath, [BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /tickcast ready \(role all\): (http:\/\/\S+)\/healthz/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`start exited early with ${code}: ${out}`)));
      });
      // This machine has no route to Yahoo, so the first run must fall back to the bundled sample and say so.
      expect(out).toMatch(/Yahoo Finance is unreachable .*so tickcast loaded its bundled sample/);
      expect(out).toMatch(/\^GSPC: 5105 bars/);
      expect(out).toMatch(/v1 trained in \d+ s/);
      expect(out).toMatch(/Forecast \^GSPC from the close of 2020-\d\d-\d\d/);
      const reportLine = /first report: (\S+\.pdf) · (http:\/\/\S+\/reports\/(\d+))/.exec(out);
      expect(reportLine, out).not.toBeNull();
      expect(fs.readFileSync(reportLine![1]!).subarray(0, 5).toString()).toBe('%PDF-');

      // The first run made a read token and says how to use it (the embedded database is held by the service).
      const token = /Authorization: Bearer (tc_\S+)' (http:\/\/\S+\/api\/forecast\/%5EGSPC)/.exec(out);
      expect(token, out).not.toBeNull();

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', database: { engine: 'pglite', ok: true }, scheduler: { status: 'ok' }, lastIngest: { status: 'ok', ticker: '^GSPC' } });

      const forecast = await fetch(`${token![2]}?horizon=3`, { headers: { authorization: `Bearer ${token![1]}` } });
      expect(forecast.status).toBe(200);
      const body = (await forecast.json()) as { ticker: string; horizon: number; points: unknown[] };
      expect(body).toMatchObject({ ticker: '^GSPC', horizon: 3 });
      expect(body.points).toHaveLength(3);
      expect((await fetch(`${url}/api/forecast/%5EGSPC`)).status).toBe(401);

      const pdf = await fetch(`${url}/reports/${reportLine![3]}.pdf`);
      expect(pdf.status).toBe(200);
      expect(Buffer.from(await pdf.arrayBuffer()).equals(fs.readFileSync(reportLine![1]!))).toBe(true);

      const metrics = parsePrometheus(await (await fetch(`${url}/metrics`)).text());
      expect(metrics.value('tickcast_bars_ingested_total', { ticker: '^GSPC', interval: '1d' })).toBe(5105);
      expect(metrics.value('tickcast_http_request_duration_seconds_count', { route: '/api/*', method: 'GET', status: '200' })).toBe(1);
      expect(metrics.value('tickcast_report_render_seconds_count', { outcome: 'rendered' })).toBe(1);
      expect(metrics.value('tickcast_ingest_age_seconds', { ticker: '^GSPC' })).toBeGreaterThan(0);

      // `tickcast chat` beside the running service talks to it: the data folder is the service's.
      const chat = await runCli(['chat'], env, undefined, 'forecast ^GSPC 3\nmodel status\n');
      expect(chat.code, chat.stderr).toBe(0);
      expect(chat.stdout).toMatch(/Connected to the running service/);
      expect(chat.stdout).toMatch(/\^GSPC/);
      const chart = /Chart: (\S+\.png)/.exec(chat.stdout);
      expect(chart, chat.stdout).not.toBeNull();
      expect(fs.readFileSync(chart![1]!).subarray(1, 4).toString()).toBe('PNG');
      expect(chat.stdout).toMatch(/v1/);
      const forged = await fetch(`${url}/terminal/commands`, { method: 'POST', body: JSON.stringify({ text: 'help', actorId: 'terminal:x', requestId: 'r1' }) });
      expect(forged.status).toBe(403);

      expect((await fetch(`${url}/nowhere`)).status).toBe(404);
      expect(fs.existsSync(path.join(dataDir, 'tickcast.lock'))).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'tickcast.lock'))).toBe(false);
      expect(fs.existsSync(path.join(dataDir, 'service.json'))).toBe(false);

      // The schedules were written, and the jobs are listed with them.
      const jobs = await runCli(['jobs', 'list', '--json'], env);
      const listed = (JSON.parse(jobs.stdout) as { jobs: { name: string; schedule: string; nextRunAt: string | null }[] }).jobs;
      expect(listed.map((job) => job.name)).toEqual(['ingest-daily', 'ingest-intraday', 'forecast-daily', 'retrain', 'report-daily', 'registry-retention', 'housekeeping']);
      expect(listed.every((job) => job.nextRunAt !== null)).toBe(true);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 600_000);

  it('refuses a split role on the embedded database, naming the variable, and creates nothing', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-role-')), 'data');
    const result = await runCli(['start', '--role', 'worker'], { PATH: process.env.PATH ?? '', TICKCAST_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/role worker .*set DATABASE_URL/);
    expect(fs.existsSync(dataDir)).toBe(false);
    const bad = await runCli(['start', '--role', 'boss'], { PATH: process.env.PATH ?? '', TICKCAST_DATA_DIR: dataDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/boss/);
  });
});
