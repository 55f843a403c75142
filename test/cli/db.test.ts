import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { journal } from '../../storage/migrations.ts';
import { runCli } from '../support/cli.ts';
import { TEST_DATABASE_URL, createTempDatabase, dropTempDatabase } from '../support/engines.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-cli-'));
/** Every migration in the journal, oldest first: a fresh database gets all of them. */
const TAGS = journal().map((entry) => entry.tag);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** stderr holds exactly one line starting with `tickcast:`. */
function expectOneLineError(stderr: string, pattern: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^tickcast: /);
  expect(lines[0]).toMatch(pattern);
}

describe('migration journal', () => {
  it('lists every committed migration file, in order', () => {
    const files = fs.readdirSync(new URL('../../storage/migrations/', import.meta.url)).filter((f) => f.endsWith('.sql')).sort();
    expect(files.map((f) => f.replace(/\.sql$/, ''))).toEqual(TAGS);
    expect(TAGS.slice(0, 2)).toEqual(['0000_init', '0001_model_registry']);
  });
});

describe('tickcast db on the embedded default', () => {
  const dataDir = path.join(root, 'data');

  it('status on a folder never used says so and creates nothing', async () => {
    const result = await runCli(['db', 'status', '--json'], { TICKCAST_DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status).toMatchObject({ engine: 'pglite', location: dataDir, initialised: false, migrations: { applied: 0, pending: TAGS } });
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('migrate creates the database; status then lists every table with its rows', async () => {
    const migrate = await runCli(['db', 'migrate', '--json'], { TICKCAST_DATA_DIR: dataDir });
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toEqual({ engine: 'pglite', location: dataDir, applied: TAGS, current: TAGS.at(-1), pending: [] });
    const status = await runCli(['db', 'status', '--json'], { TICKCAST_DATA_DIR: dataDir });
    const parsed = JSON.parse(status.stdout);
    expect(parsed.initialised).toBe(true);
    expect(parsed.migrations).toMatchObject({ applied: TAGS.length, pending: [] });
    expect(parsed.rowCounts).toMatchObject({ bars: 0, instruments: 0, audit_log: 0 });
    const human = await runCli(['db', 'status'], { TICKCAST_DATA_DIR: dataDir });
    expect(human.stdout).toMatch(/engine\s+embedded PGlite/);
    expect(human.stdout).toMatch(/bars\s+0/);
  });

  it('doctor passes on a migrated folder and fails with exit 1 on an unreachable server', async () => {
    const ok = await runCli(['doctor', '--json'], { TICKCAST_DATA_DIR: dataDir });
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.stdout);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c: { name: string }) => c.name)).toEqual(['node', 'config', 'data folder', 'database', 'migrations', 'tensorflow', 'slack', 'discord', 'admins', 'browser', 'smtp', 'narrative', 'role', 'jobs', 'ops channel']);
    const byName = (checks: { name: string }[], name: string) => checks.find((c) => c.name === name);
    // No native TensorFlow installs here: wasm is the strongest backend, and doctor says why the others were skipped.
    expect(byName(report.checks, 'tensorflow')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^wasm backend active \(wasm\); skipped gpu: .*; cpu: @tensorflow\/tfjs-node is not installed/) });
    // The browser is started for real; without SMTP_URL email is off (a warning), without a key the narrative is the template's.
    expect(byName(report.checks, 'browser')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^(Headless)?Chrome\/\d+.* at \/\S+ \(system\) started in [\d.]+ s$/) });
    expect(byName(report.checks, 'smtp')).toMatchObject({ status: 'warn', detail: expect.stringMatching(/set SMTP_URL/) });
    expect(byName(report.checks, 'narrative')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^template narrative/) });
    const reportless = await runCli(['doctor', '--json'], { TICKCAST_DATA_DIR: dataDir, PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome', SMTP_URL: 'smtp://u:s3cret@127.0.0.1:1' });
    expect(reportless.code).toBe(1);
    const failed = JSON.parse(reportless.stdout).checks;
    expect(byName(failed, 'browser')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/PUPPETEER_EXECUTABLE_PATH.*\/nonexistent\/chrome/) });
    expect(byName(failed, 'smtp')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/127\.0\.0\.1:1/) });
    expect(reportless.stdout).not.toContain('s3cret');
    const forced = await runCli(['doctor', '--json'], { TICKCAST_DATA_DIR: dataDir, TICKCAST_TF_BACKEND: 'gpu' });
    expect(forced.code).toBe(1);
    expect(byName(JSON.parse(forced.stdout).checks, 'tensorflow')).toMatchObject({ name: 'tensorflow', status: 'fail', detail: expect.stringMatching(/TICKCAST_TF_BACKEND=gpu but @tensorflow\/tfjs-node-gpu cannot be used/) });
    const bad = await runCli(['doctor', '--json'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout).checks.find((c: { name: string }) => c.name === 'database')).toMatchObject({ status: 'fail' });
  });

  it('refuses a folder another live process holds', async () => {
    const { spawn } = await import('node:child_process');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dataDir, 'tickcast.lock'), String(holder.pid));
      const result = await runCli(['db', 'status', '--json'], { TICKCAST_DATA_DIR: dataDir });
      expect(result.code).toBe(2);
      expectOneLineError(result.stderr, new RegExp(`in use by another tickcast process \\(pid ${holder.pid}\\)`));
      expect(JSON.parse(result.stdout).error.code).toBe('data_dir_locked');
    } finally {
      holder.kill();
      fs.rmSync(path.join(dataDir, 'tickcast.lock'), { force: true });
    }
  });
});

describe('tickcast with bad configuration', () => {
  it('a malformed DATABASE_URL: one line, exit 2, nothing created, password not echoed', async () => {
    const dataDir = path.join(root, 'never');
    const result = await runCli(['db', 'migrate', '--json'], { DATABASE_URL: 'mysql://root:hunter2@db/x', TICKCAST_DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /invalid configuration: DATABASE_URL must be a postgres/);
    expect(result.stderr + result.stdout).not.toContain('hunter2');
    expect(JSON.parse(result.stdout).error.code).toBe('config_invalid');
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('an unreachable server: one line naming the server with its password masked', async () => {
    const result = await runCli(['db', 'migrate'], { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/tickcast' });
    expect(result.code).not.toBe(0);
    expectOneLineError(result.stderr, /cannot reach PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/tickcast: connection refused/);
    expect(result.stderr).not.toContain('s3cret');
  });

  it('a data folder that cannot be written: one line, exit 2', async () => {
    const file = path.join(root, 'plain-file');
    fs.writeFileSync(file, '');
    const result = await runCli(['db', 'migrate'], { TICKCAST_DATA_DIR: path.join(file, 'data') });
    expect(result.code).toBe(2);
    expectOneLineError(result.stderr, /data folder .*plain-file\/data is not writable/);
  });

  it('an unknown command or option: usage error, exit 2', async () => {
    const result = await runCli(['db', 'explode']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command|too many arguments/);
  });
});

describe.runIf(TEST_DATABASE_URL)('tickcast db on PostgreSQL', () => {
  it('migrates a server database and reports it, password masked', async () => {
    const url = await createTempDatabase();
    try {
      const migrate = await runCli(['db', 'migrate', '--json'], { DATABASE_URL: url });
      expect(migrate.code).toBe(0);
      expect(JSON.parse(migrate.stdout)).toMatchObject({ engine: 'postgres', applied: TAGS, pending: [] });
      const again = await runCli(['db', 'migrate', '--json'], { DATABASE_URL: url });
      expect(JSON.parse(again.stdout).applied).toEqual([]);
      const status = JSON.parse((await runCli(['db', 'status', '--json'], { DATABASE_URL: url })).stdout);
      expect(status).toMatchObject({ engine: 'postgres', initialised: true, migrations: { applied: TAGS.length, pending: [] } });
      expect(status.serverVersion).toMatch(/^\d+/);
    } finally {
      await dropTempDatabase(url);
    }
  });

  it('two processes migrating one fresh database together both succeed and apply it once', async () => {
    const url = await createTempDatabase();
    try {
      const [a, b] = await Promise.all([runCli(['db', 'migrate', '--json'], { DATABASE_URL: url }), runCli(['db', 'migrate', '--json'], { DATABASE_URL: url })]);
      expect([a.code, b.code]).toEqual([0, 0]);
      const applied = [JSON.parse(a.stdout).applied, JSON.parse(b.stdout).applied];
      expect(applied.flat()).toEqual(TAGS);
    } finally {
      await dropTempDatabase(url);
    }
  });
});
