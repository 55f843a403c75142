import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { openDatabase, targetFromConfig, targetIsFresh } from '../../storage/database.ts';
import { journal, migrationState, type MigrationState } from '../../storage/migrations.ts';
import { storageStatus, type StorageStatus } from '../../storage/status.ts';
import { redactUrl } from '../../app/redact.ts';

type StatusResult = (StorageStatus & { initialised: true }) | { engine: 'pglite'; location: string; initialised: false; migrations: MigrationState };

export function registerDb(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const db = program.command('db').description('database: migrate and inspect');

  db.command('migrate')
    .description('apply pending migrations (creates the embedded database on first use)')
    .action(async () => {
      const target = targetFromConfig(ctx.config().database);
      const database = await openDatabase(target);
      try {
        const applied = await database.migrate();
        const after = await migrationState(database);
        const result = { engine: database.engine, location: database.location, applied, current: after.current, pending: after.pending };
        emit(result, output(), (r) =>
          r.applied.length === 0
            ? `${r.engine} at ${r.location}: schema up to date (${r.current})`
            : `${r.engine} at ${r.location}: applied ${r.applied.join(', ')}; now at ${r.current}`,
        );
      } finally {
        await database.close();
      }
    });

  db.command('status')
    .description('engine, location, migration state and row counts per table')
    .action(async () => {
      const config = ctx.config().database;
      const target = targetFromConfig(config);
      let result: StatusResult;
      if (targetIsFresh(target)) {
        const pending = journal().map((entry) => entry.tag);
        result = { engine: 'pglite', location: config.dataDir, initialised: false, migrations: { applied: 0, total: pending.length, current: null, pending } };
      } else {
        const database = await openDatabase(target);
        try {
          result = { ...(await storageStatus(database)), initialised: true };
        } finally {
          await database.close();
        }
      }
      emit(result, output(), humanStatus);
    });
}

function humanStatus(status: StatusResult): string {
  const engine = status.engine === 'pglite' ? 'embedded PGlite' : 'PostgreSQL';
  const where = status.engine === 'postgres' ? redactUrl(status.location) : status.location;
  const m = status.migrations;
  const lines = [
    `engine      ${engine}${status.initialised ? ` ${status.serverVersion}` : ''}`,
    `location    ${where}`,
    `migrations  ${m.applied} applied of ${m.total}${m.pending.length ? `, pending: ${m.pending.join(', ')}` : ', up to date'}`,
  ];
  if (!status.initialised) return [...lines, '', 'not created yet: `tickcast db migrate` or `npm start` creates it'].join('\n');
  const rows = Object.entries(status.rowCounts).map(([name, n]) => [name, n]);
  return [...lines, '', table(['table', 'rows'], rows)].join('\n');
}
