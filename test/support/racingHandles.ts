import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../storage/database.ts';
import { createTempDatabase, dropTempDatabase } from './engines.ts';

/**
 * Two handles on one new PostgreSQL database (two connection pools, as two processes or replicas would have), for
 * tests of what races; opened before the suite and dropped after it. PGlite is one connection, so it cannot race.
 */
export function useRacingHandles(): () => Database[] {
  let url: string | undefined;
  let handles: Database[] = [];
  beforeAll(async () => {
    url = await createTempDatabase();
    handles = [await openDatabase({ engine: 'postgres', url }, { migrate: true }), await openDatabase({ engine: 'postgres', url })];
  });
  afterAll(async () => {
    for (const handle of handles) await handle.close();
    if (url) await dropTempDatabase(url);
  });
  return () => handles;
}
