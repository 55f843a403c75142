import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../storage/database.ts';
import { journal, migrationState } from '../../storage/migrations.ts';
import { storageStatus, TABLE_NAMES } from '../../storage/status.ts';
import { pgliteDataPath } from '../../storage/pglite.ts';
import { createPriceRepo } from '../../storage/repos/priceRepo.ts';
import { ENGINES } from '../support/engines.ts';

const PRODUCT_TABLES = [
  'alert_events', 'alert_rules', 'api_tokens', 'audit_log', 'bars', 'chat_requests', 'forecasts', 'ingestion_runs', 'instruments',
  'job_runs', 'model_alias_history', 'model_aliases', 'model_signals', 'model_versions', 'outbound_channels', 'outbound_messages',
  'promotion_requests', 'quality_findings', 'rate_buckets', 'reports', 'subscriptions', 'users',
];

describe.each(ENGINES)('migrations on $name', (engine) => {
  it('create the whole product schema once, then report nothing pending', async () => {
    const { target, dispose } = await engine.createTarget();
    const database = await openDatabase(target);
    try {
      const before = await migrationState(database);
      expect(before).toEqual({ applied: 0, total: journal().length, current: null, pending: journal().map((e) => e.tag) });
      await database.migrate();
      await database.migrate(); // idempotent
      const status = await storageStatus(database);
      expect(status.migrations.pending).toEqual([]);
      expect(status.migrations.applied).toBe(journal().length);
      expect(Object.keys(status.rowCounts).sort()).toEqual(PRODUCT_TABLES);
      expect(Object.values(status.rowCounts).every((n) => n === 0)).toBe(true);
      expect(TABLE_NAMES).toEqual(PRODUCT_TABLES);
      // Agenda's table comes from the same migrations, in the shape its PostgreSQL backend expects.
      const agenda = await database.rows<{ column_name: string }>(sql`select column_name from information_schema.columns where table_name = 'agenda_jobs' order by column_name`);
      expect(agenda.map((c) => c.column_name)).toEqual([
        'created_at', 'data', 'debounce_started_at', 'disabled', 'end_date', 'fail_count', 'fail_reason', 'failed_at', 'fork', 'id', 'last_finished_at',
        'last_modified_by', 'last_run_at', 'locked_at', 'name', 'next_run_at', 'priority', 'progress', 'repeat_at', 'repeat_interval', 'repeat_timezone',
        'skip_days', 'start_date', 'type', 'updated_at',
      ]);
    } finally {
      await database.close();
      await dispose();
    }
  });

  it('enforce the constraints the schema promises', async () => {
    const { target, dispose } = await engine.createTarget();
    const database = await openDatabase(target, { migrate: true });
    try {
      await expect(database.rows(sql`insert into bars (ticker, interval, ts, open, high, low, close, volume) values ('X', '2d', now(), 1, 1, 1, 1, 0)`)).rejects.toThrow();
      await expect(database.rows(sql`insert into users (id, role) values ('slack:U1', 'owner')`)).rejects.toThrow();
      await expect(database.rows(sql`insert into outbound_messages (surface, channel_id, body, dedupe_key, state) values ('slack', 'C', '{}', 'k', 'lost')`)).rejects.toThrow();
      await expect(database.rows(sql`insert into subscriptions (kind, target) values ('fax', '555')`)).rejects.toThrow();
      await database.rows(sql`insert into api_tokens (name, prefix, token_hash) values ('a', 'tc_1', 'h1')`);
      await expect(database.rows(sql`insert into api_tokens (name, prefix, token_hash) values ('b', 'tc_2', 'h1')`)).rejects.toThrow();
    } finally {
      await database.close();
      await dispose();
    }
  });
});

describe('embedded PGlite folder', () => {
  it('persists across reopen and is released on close', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-pglite-')), 'data');
    try {
      const first = await openDatabase({ engine: 'pglite', dataDir }, { migrate: true });
      await createPriceRepo(first.db).upsertBars('KEEP', '1d', [{ ts: new Date('2024-01-02T00:00:00Z'), open: 1, high: 2, low: 0.5, close: 1.5, adjClose: 1.5, volume: 7 }]);
      await expect(openDatabase({ engine: 'pglite', dataDir })).rejects.toThrow(/already open in this process/);
      await first.close();
      expect(fs.existsSync(pgliteDataPath(dataDir))).toBe(true);
      expect(fs.readdirSync(dataDir).filter((f) => f.includes('.init-'))).toEqual([]);
      const second = await openDatabase({ engine: 'pglite', dataDir });
      expect(await createPriceRepo(second.db).countBars('KEEP')).toBe(1);
      await second.close();
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  });
});
