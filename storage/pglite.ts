import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { OperationalError } from '../core/errors.ts';
import { ensureWritableDir, lockDataDir, type DataDirLock } from './dataDirLock.ts';

export interface OpenedPglite {
  client: PGlite;
  /** The PostgreSQL data folder inside the tickcast data folder; null when in memory. */
  pgdata: string | null;
  close(): Promise<void>;
}

export const PGDATA_NAME = 'pgdata';

export function pgliteDataPath(dataDir: string): string {
  return path.join(dataDir, PGDATA_NAME);
}

/**
 * Open the embedded database in `dataDir` (null: in memory, for tests). The first open initialises a cluster in
 * a temporary folder and renames it into place, so a crash during initdb leaves no half-made database behind.
 */
export async function openPglite(dataDir: string | null): Promise<OpenedPglite> {
  if (dataDir === null) {
    const client = await PGlite.create();
    return { client, pgdata: null, close: () => client.close() };
  }
  ensureWritableDir(dataDir);
  const lock = lockDataDir(dataDir);
  try {
    const pgdata = pgliteDataPath(dataDir);
    if (!fs.existsSync(pgdata)) await initialise(pgdata);
    const client = await PGlite.create(pgdata).catch((err: unknown) => {
      throw new OperationalError('pglite_open_failed', `cannot open the embedded database in ${pgdata}: ${(err as Error).message}`, { cause: err });
    });
    return { client, pgdata, close: () => closeAndUnlock(client, lock) };
  } catch (err) {
    lock.release();
    throw err;
  }
}

async function initialise(pgdata: string): Promise<void> {
  const staging = `${pgdata}.init-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const fresh = await PGlite.create(staging);
    await fresh.close();
    fs.renameSync(staging, pgdata);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw new OperationalError('pglite_init_failed', `cannot create the embedded database in ${pgdata}: ${(err as Error).message}`, { cause: err });
  }
}

async function closeAndUnlock(client: PGlite, lock: DataDirLock): Promise<void> {
  try {
    if (!client.closed) await client.close();
  } finally {
    lock.release();
  }
}
