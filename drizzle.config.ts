import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes a new migration from the schema; no database is needed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './storage/schema/index.ts',
  out: './storage/migrations',
});
