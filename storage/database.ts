import fs from 'node:fs';
import type { PGlite } from '@electric-sql/pglite';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type { Config } from '../app/config.ts';
import { redactUrl } from '../app/redact.ts';
import * as schema from './schema/index.ts';
import { openPglite, pgliteDataPath } from './pglite.ts';
import { openPostgres } from './postgres.ts';
import { migrateEmbedded, migrateServer } from './migrations.ts';

export type Schema = typeof schema;
/** The drizzle handle repositories use; the same type on both engines. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly engine: Engine;
  /** Where the data lives: the data folder, or the server URL with its password masked. */
  readonly location: string;
  readonly db: Db;
  /** Apply pending migrations (all or none); returns the tags applied by this call. */
  migrate(): Promise<string[]>;
  /** What Agenda connects through: the server's URL, or the embedded instance (scheduler/agendaBackend.ts). */
  readonly connection: { engine: 'postgres'; url: string; connectTimeoutSeconds: number } | { engine: 'pglite'; client: PGlite };
  /** Run raw SQL and get its rows, whichever driver is underneath. */
  rows<T>(query: SQL): Promise<T[]>;
  close(): Promise<void>;
}

/** Where to open: a PostgreSQL URL, a PGlite data folder, or (tests) an in-memory PGlite. */
export type DatabaseTarget =
  | { engine: 'postgres'; url: string; connectTimeoutSeconds?: number; maxConnections?: number }
  | { engine: 'pglite'; dataDir: string | null };

export function targetFromConfig(database: Config['database']): DatabaseTarget {
  return database.url
    ? { engine: 'postgres', url: database.url, connectTimeoutSeconds: database.connectTimeoutSeconds }
    : { engine: 'pglite', dataDir: database.dataDir };
}

/** True when the target holds no database yet (a PGlite folder never initialised); opening would create one. */
export function targetIsFresh(target: DatabaseTarget): boolean {
  return target.engine === 'pglite' && target.dataDir !== null && !fs.existsSync(pgliteDataPath(target.dataDir));
}

/** Driver results differ in shape: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const database = target.engine === 'postgres' ? await openPostgresDatabase(target) : await openPgliteDatabase(target.dataDir);
  if (options.migrate) {
    try {
      await database.migrate();
    } catch (err) {
      await database.close();
      throw err;
    }
  }
  return database;
}

async function openPostgresDatabase(target: Extract<DatabaseTarget, { engine: 'postgres' }>): Promise<Database> {
  const client = await openPostgres(target.url, target.connectTimeoutSeconds ?? 5, target.maxConnections);
  const db = drizzlePostgres({ client, schema }) as unknown as Db;
  return {
    engine: 'postgres',
    location: redactUrl(target.url),
    db,
    connection: { engine: 'postgres', url: target.url, connectTimeoutSeconds: target.connectTimeoutSeconds ?? 5 },
    migrate: () => migrateServer(target.url, target.connectTimeoutSeconds ?? 5),
    rows: async <T>(query: SQL) => rowsOf<T>(await db.execute(query)),
    close: () => client.end({ timeout: 5 }),
  };
}

async function openPgliteDatabase(dataDir: string | null): Promise<Database> {
  const opened = await openPglite(dataDir);
  const embedded = drizzlePglite({ client: opened.client, schema });
  const db = embedded as unknown as Db;
  const rows = async <T>(query: SQL) => rowsOf<T>(await db.execute(query));
  return {
    engine: 'pglite',
    location: dataDir ?? 'memory',
    db,
    connection: { engine: 'pglite', client: opened.client },
    migrate: () => migrateEmbedded(embedded, rows),
    rows,
    close: () => opened.close(),
  };
}
