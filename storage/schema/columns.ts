import { customType, timestamp } from 'drizzle-orm/pg-core';

/** Raw bytes (model weights, report files): bytea on both engines. */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/** Every timestamp is `timestamptz`, returned as a JS Date. */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => at('created_at').notNull().defaultNow();
