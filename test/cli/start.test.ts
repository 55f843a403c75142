import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from '../support/cli.ts';

describe('tickcast start', () => {
  it('on a fresh folder: migrates, loads the sample when Yahoo is unreachable, serves /healthz, stops cleanly on SIGTERM', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-start-')), 'data');
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { PATH: process.env.PATH ?? '', TICKCAST_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk;
          const match = /tickcast ready: (http:\/\/\S+)\/healthz/.exec(out);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`start exited early with ${code}`)));
      });
      // This machine has no route to Yahoo, so the first run must fall back to the bundled sample and say so.
      expect(out).toMatch(/Yahoo Finance is unreachable, so tickcast loaded its bundled sample/);
      expect(out).toMatch(/\^GSPC\s+1d\s+sample:sp500-2000\s+ok\s+5105/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok', database: { engine: 'pglite', ok: true } });
      expect((await fetch(`${url}/nowhere`)).status).toBe(404);
      expect(fs.existsSync(path.join(dataDir, 'tickcast.lock'))).toBe(true);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'tickcast.lock'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
