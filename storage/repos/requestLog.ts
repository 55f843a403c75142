import { lt } from 'drizzle-orm';
import type { RequestLog } from '../../core/governance.ts';
import type { Db } from '../database.ts';
import { chatRequests } from '../schema/index.ts';

/** Replay protection: a request key is accepted once; the primary key decides, so concurrent replays lose too. */
export function createRequestLog(db: Db): RequestLog {
  return {
    async firstSeen(key) {
      const inserted = await db.insert(chatRequests).values({ key }).onConflictDoNothing().returning({ key: chatRequests.key });
      return inserted.length > 0;
    },

    async prune(before) {
      const removed = await db.delete(chatRequests).where(lt(chatRequests.seenAt, before)).returning({ key: chatRequests.key });
      return removed.length;
    },
  };
}
