import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { ADMIN_ID_PATTERN } from '../../app/config.ts';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { terminalActorId } from '../terminalActor.ts';

function parseAdminId(raw: string): string {
  if (!ADMIN_ID_PATTERN.test(raw)) throw new InvalidArgumentError(`'${raw}' is not an admin id (slack:U123, discord:user:456, discord:role:789, terminal:ana)`);
  return raw;
}

/**
 * `tickcast admins add|remove|list`: admins kept in the database, beside those TICKCAST_ADMINS names. Changes are
 * audited like chat actions.
 */
export function registerAdmins(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const admins = program.command('admins').description('chat admins kept in the database (TICKCAST_ADMINS names more)');

  for (const [name, role, what] of [['add', 'admin', 'make an id an admin'], ['remove', 'member', 'take admin rights away from an id']] as const) {
    admins
      .command(name)
      .description(what)
      .argument('<id>', 'slack:U123, discord:user:456, discord:role:789 or terminal:ana', parseAdminId)
      .action(async (id: string) => {
        await ctx.withApp(async (app) => {
          await app.store.transaction(async (repos) => {
            await repos.users.setRole(id, role);
            await repos.audit.record({ actor: terminalActorId(), action: `admins.${name}`, target: id, outcome: 'ok', detail: { surface: 'cli' } });
          });
        });
        emit({ id, role }, output(), () => `${id} is now ${role === 'admin' ? 'an admin' : 'a member'}${role === 'member' ? ' (TICKCAST_ADMINS may still name it)' : ''}.`);
      });
  }

  admins
    .command('list')
    .description('admins from the configuration and from the database')
    .action(async () => {
      const { configured, stored } = await ctx.withApp(async (app) => ({
        configured: app.config.admins,
        stored: (await app.store.users.list()).filter((u) => u.role === 'admin'),
      }));
      const rows = [...configured.map((id) => ({ id, source: 'TICKCAST_ADMINS' })), ...stored.map((u) => ({ id: u.id, source: 'database' }))];
      emit({ admins: rows }, output(), () => (rows.length === 0 ? 'No admins yet: set TICKCAST_ADMINS or `tickcast admins add ID`.' : table(['id', 'from'], rows.map((r) => [r.id, r.source]))));
    });
}
