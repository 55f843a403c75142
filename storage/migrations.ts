import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql, type SQL } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { OperationalError } from '../core/errors.ts';
import { rowsOf, type Database, type Schema } from './database.ts';
import { openPostgres } from './postgres.ts';
import * as schema from './schema/index.ts';

/** The committed migrations drizzle-kit generated from storage/schema. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** Any constant: the advisory lock that serialises migrations of processes starting together on one server. */
const MIGRATION_LOCK = 7_310_420_611;

interface JournalEntry {
  tag: string;
  when: number;
}

export interface MigrationState {
  applied: number;
  total: number;
  /** Tag of the newest applied migration, e.g. `0000_init`. */
  current: string | null;
  pending: string[];
}

export function journal(): JournalEntry[] {
  const raw = fs.readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8');
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

function migrationFailed(err: unknown): OperationalError {
  return new OperationalError('migration_failed', `database migration failed: ${(err as Error).message}`, { cause: err });
}

type RowsOf = Database['rows'];

/**
 * drizzle applies all pending migrations in one transaction, so a failure leaves the schema as it was.
 * Returns the tags this call applied.
 */
export async function migrateEmbedded(db: PgliteDatabase<Schema>, rows: RowsOf): Promise<string[]> {
  try {
    const { pending } = await readMigrationState(rows);
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return pending;
  } catch (err) {
    throw migrationFailed(err);
  }
}

/**
 * As above, holding an advisory lock so processes starting together do not race. The lock is per session, so
 * migrations run on a client of their own with exactly one connection.
 */
export async function migrateServer(url: string, connectTimeoutSeconds: number): Promise<string[]> {
  const client = await openPostgres(url, connectTimeoutSeconds, 1);
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    const db = drizzlePostgres({ client, schema });
    const { pending } = await readMigrationState(async <T>(query: SQL) => rowsOf<T>(await db.execute(query)));
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return pending;
  } catch (err) {
    throw migrationFailed(err);
  } finally {
    // Ending the session releases the advisory lock too.
    await client.end({ timeout: 5 });
  }
}

export function migrationState(database: Database): Promise<MigrationState> {
  return readMigrationState(database.rows);
}

async function readMigrationState(rows: RowsOf): Promise<MigrationState> {
  const entries = journal();
  const exists = await rows<{ present: boolean }>(
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  let lastMillis: number | null = null;
  let applied = 0;
  if (exists[0]?.present) {
    const [row] = await rows<{ n: number; last: string | null }>(
      sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
    );
    applied = row?.n ?? 0;
    lastMillis = row?.last == null ? null : Number(row.last);
  }
  // drizzle applies every journal entry newer than the newest one recorded; the same rule decides "pending".
  const pending = entries.filter((entry) => lastMillis === null || entry.when > lastMillis).map((entry) => entry.tag);
  const current = lastMillis === null ? null : (entries.filter((entry) => entry.when <= lastMillis).at(-1)?.tag ?? null);
  return { applied, total: entries.length, current, pending };
}
