import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWritableDir, lockDataDir } from '../../storage/dataDirLock.ts';

const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('data folder lock', () => {
  it('refuses a folder held by a live process and names its pid', () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      fs.writeFileSync(path.join(dir, 'tickcast.lock'), String(holder.pid));
      expect(() => lockDataDir(dir)).toThrowError(new RegExp(`in use by another tickcast process \\(pid ${holder.pid}\\)`));
      expect(fs.readFileSync(path.join(dir, 'tickcast.lock'), 'utf8')).toBe(String(holder.pid));
    } finally {
      holder.kill();
    }
  });

  it('takes over a lock left by a dead process', () => {
    const dir = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'console.log(process.pid)']);
    fs.writeFileSync(path.join(dir, 'tickcast.lock'), String(dead.stdout).trim());
    const lock = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'tickcast.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
    expect(fs.existsSync(path.join(dir, 'tickcast.lock'))).toBe(false);
  });

  it('says which folder cannot be written', () => {
    const file = path.join(tempDir(), 'a-file');
    fs.writeFileSync(file, '');
    expect(() => ensureWritableDir(path.join(file, 'data'))).toThrowError(/data folder .*a-file\/data is not writable \(ENOTDIR\)/);
  });
});
