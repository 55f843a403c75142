import fs from 'node:fs';
import path from 'node:path';
import { OperationalError, UserError } from '../core/errors.ts';

/**
 * PGlite is a single-process database: two processes writing one folder corrupt it. A lock file holding the
 * owner's pid guards the folder; a lock left by a dead process is taken over.
 */
export interface DataDirLock {
  release(): void;
}

const LOCK_NAME = 'tickcast.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Make sure `dir` exists (creating parents) and is writable; a clear error otherwise. */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new UserError('data_dir_not_writable', `data folder ${dir} is not writable (${code}); set TICKCAST_DATA_DIR to a writable folder or set DATABASE_URL`, { cause: err });
  }
}

export function lockDataDir(dir: string): DataDirLock {
  const lockPath = path.join(dir, LOCK_NAME);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UserError('data_dir_not_writable', `cannot lock data folder ${dir} (${(err as NodeJS.ErrnoException).code})`, { cause: err });
      }
      const owner = Number.parseInt(fs.readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
        throw new UserError('data_dir_locked', `data folder ${dir} is in use by another tickcast process (pid ${owner}); stop it first, or point DATABASE_URL at PostgreSQL to run several processes`);
      }
      if (owner === process.pid) {
        throw new OperationalError('data_dir_locked', `data folder ${dir} is already open in this process`);
      }
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new UserError('data_dir_locked', `could not lock data folder ${dir}`);
}
