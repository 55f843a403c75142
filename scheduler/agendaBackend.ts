import { PostgresBackend, type PostgresBackendConfig } from '@agendajs/postgres-backend';
import type { Database } from '../storage/database.ts';
import { pglitePool } from '../storage/pglitePool.ts';

/** Connections a process' Agenda keeps to PostgreSQL: one for LISTEN, the rest for locking and saving jobs. */
const AGENDA_CONNECTIONS = 3;

/**
 * Agenda's storage on the product's own database: PostgreSQL through its own small pool, or the embedded PGlite
 * through a pg.Pool-shaped adapter. The table comes from migration 0004, not from each process on connect.
 */
export function agendaBackend(database: Database): PostgresBackend {
  const common = { tableName: 'agenda_jobs', ensureSchema: false };
  const connection = database.connection;
  if (connection.engine === 'postgres') {
    return new PostgresBackend({
      ...common,
      poolConfig: { connectionString: connection.url, max: AGENDA_CONNECTIONS, connectionTimeoutMillis: connection.connectTimeoutSeconds * 1000 },
    });
  }
  return new PostgresBackend({ ...common, pool: pglitePool(connection.client) as unknown as PostgresBackendConfig['pool'] });
}
