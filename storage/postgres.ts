import postgres from 'postgres';
import { OperationalError, TemporaryError, UserError } from '../core/errors.ts';
import { redactUrl } from '../app/redact.ts';

export type PostgresClient = postgres.Sql;

/** Connect and prove the connection with one round trip, so a wrong URL fails here with a clear line. */
export async function openPostgres(url: string, connectTimeoutSeconds: number, maxConnections = 10): Promise<PostgresClient> {
  const client = postgres(url, {
    max: maxConnections,
    connect_timeout: connectTimeoutSeconds,
    idle_timeout: 30,
    onnotice: () => {},
    connection: { application_name: 'tickcast' },
  });
  try {
    await client`select 1`;
    return client;
  } catch (err) {
    await client.end({ timeout: 1 }).catch(() => {});
    throw describeConnectError(err, url);
  }
}

/** Map what postgres.js and the server say to one line a person can act on. */
export function describeConnectError(err: unknown, url: string): Error {
  const where = redactUrl(url);
  const e = err as { code?: string; message?: string };
  switch (e.code) {
    case 'ECONNREFUSED':
      return new TemporaryError('db_unreachable', `cannot reach PostgreSQL at ${where}: connection refused (is the server running?)`, { cause: err });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new UserError('db_unreachable', `cannot reach PostgreSQL at ${where}: unknown host`, { cause: err });
    case 'CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return new TemporaryError('db_unreachable', `cannot reach PostgreSQL at ${where}: connection timed out`, { cause: err });
    case '3D000':
      return new UserError('db_missing', `PostgreSQL at ${where}: ${e.message}; create it first (createdb)`, { cause: err });
    case '28P01':
    case '28000':
      return new UserError('db_auth_failed', `PostgreSQL at ${where} refused the login: ${e.message}`, { cause: err });
    default:
      return new OperationalError('db_connect_failed', `cannot connect to PostgreSQL at ${where}: ${e.message ?? String(err)}`, { cause: err });
  }
}
