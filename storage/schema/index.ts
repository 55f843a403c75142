/** The whole schema; drizzle-kit generates storage/migrations from this file. */
export * from './market.ts';
export * from './models.ts';
export * from './chat.ts';
export * from './outbox.ts';
export * from './reports.ts';
export * from './access.ts';
export * from './jobs.ts';
