import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database, type DatabaseTarget } from '../../storage/database.ts';

/**
 * The engines a storage suite runs on: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. Each PostgreSQL
 * use gets a database of its own, created here and dropped afterwards, so parallel runs cannot collide.
 */
export interface TestEngine {
  name: 'pglite' | 'postgres';
  /** A fresh, empty target (no schema yet). */
  createTarget(): Promise<{ target: DatabaseTarget; dispose(): Promise<void> }>;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

const pglite: TestEngine = {
  name: 'pglite',
  createTarget: async () => ({ target: { engine: 'pglite', dataDir: null }, dispose: async () => {} }),
};

const server: TestEngine = {
  name: 'postgres',
  async createTarget() {
    const url = await createTempDatabase();
    return { target: { engine: 'postgres', url }, dispose: () => dropTempDatabase(url) };
  },
};

export const ENGINES: TestEngine[] = TEST_DATABASE_URL ? [pglite, server] : [pglite];

/** Open a migrated database on `engine`; `close()` also disposes of it. */
export async function openTestDatabase(engine: TestEngine): Promise<Database> {
  const { target, dispose } = await engine.createTarget();
  const database = await openDatabase(target, { migrate: true });
  return { ...database, close: async () => { await database.close(); await dispose(); } };
}

export async function createTempDatabase(): Promise<string> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `tickcast_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropTempDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = postgres(TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
}

/**
 * For a `describe.each(ENGINES)` block: a migrated database opened before its tests and closed after them.
 * Call the returned function inside a test to get it.
 */
export function useTestDatabase(engine: TestEngine): () => Database {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (!database) throw new Error('the test database is not open yet');
    return database;
  };
}
