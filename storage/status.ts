import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './database.ts';
import { migrationState, type MigrationState } from './migrations.ts';
import * as schema from './schema/index.ts';

export interface StorageStatus {
  engine: Database['engine'];
  location: string;
  serverVersion: string;
  migrations: MigrationState;
  /** Exact row counts per product table; null for a table the current migrations have not created yet. */
  rowCounts: Record<string, number | null>;
}

export const TABLE_NAMES: readonly string[] = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .sort();

export async function storageStatus(database: Database): Promise<StorageStatus> {
  const [version] = await database.rows<{ server_version: string }>(sql`show server_version`);
  const migrations = await migrationState(database);
  const rowCounts: Record<string, number | null> = {};
  for (const name of TABLE_NAMES) {
    const [present] = await database.rows<{ ok: boolean }>(sql`select to_regclass(${`public.${name}`}) is not null as ok`);
    if (!present?.ok) {
      rowCounts[name] = null;
      continue;
    }
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(name)}`);
    rowCounts[name] = row?.n ?? 0;
  }
  return { engine: database.engine, location: database.location, serverVersion: version?.server_version ?? 'unknown', migrations, rowCounts };
}
