import { EventEmitter } from 'node:events';
import type { PGlite, Results } from '@electric-sql/pglite';

/** The part of node-postgres' `Pool` that @agendajs/postgres-backend uses. */
export interface PoolLike {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
  connect(): Promise<PoolClientLike>;
  end(): Promise<void>;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
}

export interface PoolClientLike extends EventEmitter {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
  release(destroy?: boolean): void;
}

const LISTEN = /^\s*(UN)?LISTEN\s+("(?:[^"]|"")+"|[\w$]+)\s*;?\s*$/i;

/**
 * A pg.Pool-shaped adapter over the one embedded PGlite connection, so Agenda keeps its jobs in the embedded
 * database too. Every statement goes through `query` (one statement, typed results: timestamps come back as Dates, as
 * from node-postgres); Agenda's DDL is not needed here, migration 0004 creates its table. `LISTEN "chan"` on a client maps to PGlite's `listen`, and
 * notifications arrive as node-postgres' `notification` events. PGlite runs one statement or transaction at a time,
 * so nothing Agenda sends can land inside a transaction of the product's.
 */
export function pglitePool(db: PGlite): PoolLike {
  async function run(text: string, params?: unknown[]) {
    const result: Results<Record<string, unknown>> = await db.query<Record<string, unknown>>(text, params ?? []);
    return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
  }

  return {
    query: run,
    async connect() {
      const client = new EventEmitter() as PoolClientLike;
      const listening = new Map<string, () => Promise<void>>();
      client.query = async (text, params) => {
        const listen = LISTEN.exec(text);
        if (!listen) return run(text, params);
        const channel = listen[2]!;
        if (listen[1]) {
          await listening.get(channel)?.();
          listening.delete(channel);
        } else if (!listening.has(channel)) {
          const name = channel.startsWith('"') ? channel.slice(1, -1).replaceAll('""', '"') : channel;
          listening.set(channel, await db.listen(channel, (payload) => client.emit('notification', { channel: name, payload })));
        }
        return { rows: [], rowCount: 0 };
      };
      client.release = () => {
        for (const unlisten of listening.values()) void unlisten().catch(() => {});
        listening.clear();
      };
      return client;
    },
    // The PGlite instance belongs to the database handle, which closes it.
    end: async () => {},
    on: () => undefined,
  };
}
