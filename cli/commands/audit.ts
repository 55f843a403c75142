import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { parsePositiveInt } from '../parseOptions.ts';

/** `tickcast audit`: who did what to the models and admins, when, and how it ended; newest first. */
export function registerAudit(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  program
    .command('audit')
    .description('the audit log of admin actions (chat and command line), newest first')
    .option('--limit <n>', 'entries to show', parsePositiveInt, 50)
    .option('--actor <id>', 'only this actor, e.g. slack:U123')
    .option('--action <action>', 'only this action, e.g. model.promote')
    .action(async (flags: { limit: number; actor?: string; action?: string }) => {
      const entries = await ctx.withApp((app) => app.store.audit.list(flags));
      emit({ entries: entries.map((e) => ({ ...e, at: e.at.toISOString() })) }, output(), ({ entries: rows }) =>
        rows.length === 0
          ? 'The audit log is empty.'
          : table(['at', 'actor', 'action', 'target', 'outcome', 'detail'], rows.map((e) => [e.at.slice(0, 19).replace('T', ' '), e.actor, e.action, e.target, e.outcome, summary(e.detail)])),
      );
    });
}

function summary(detail: Record<string, unknown> | null | undefined): string {
  if (!detail) return '';
  const { message, request, from, to, surface } = detail as Record<string, unknown>;
  return [surface, request !== undefined ? `request ${String(request)}` : null, from !== undefined || to !== undefined ? `${String(from ?? '–')} → ${String(to ?? '–')}` : null, message]
    .filter((part) => part !== null && part !== undefined)
    .map(String)
    .join('; ');
}
