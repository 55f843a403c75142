import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { isTickcastError } from '../../core/errors.ts';
import { checkEmailAddress } from '../../mail/emailAddress.ts';
import { day } from '../../render/wording.ts';
import type { CommandContext } from '../context.ts';
import { emit, table, type OutputOptions } from '../output.ts';
import { parseTickerList } from '../parseOptions.ts';
import { terminalActorId } from '../terminalActor.ts';

function parseEmail(raw: string): string {
  try {
    return checkEmailAddress(raw.trim());
  } catch (err) {
    throw new InvalidArgumentError(isTickcastError(err) ? err.message : String(err));
  }
}

/**
 * `tickcast subscribers add|list|remove EMAIL`: who receives the daily report by email. Chat channels subscribe
 * from chat (`subscribe`); both are listed here. Changes are audited like chat actions.
 */
export function registerSubscribers(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const subscribers = program.command('subscribers').description('report recipients: email addresses (chat channels subscribe from chat)');

  subscribers
    .command('add')
    .description('send the daily report to an email address')
    .argument('<email>', 'e.g. ana@example.com', parseEmail)
    .option('--tickers <list>', 'only reports covering one of these tickers (default: every report)', parseTickerList)
    .action(async (email: string, flags: { tickers?: string[] }) => {
      const { subscription, created } = await ctx.withApp((app) =>
        app.store.transaction(async (repos) => {
          const added = await repos.subscriptions.add({ kind: 'email', target: email, tickers: flags.tickers ?? null, createdBy: terminalActorId() });
          await repos.audit.record({ actor: terminalActorId(), action: 'subscribers.add', target: email, outcome: 'ok', detail: { surface: 'cli', tickers: flags.tickers ?? null } });
          return added;
        }),
      );
      const scope = subscription.tickers ? `reports covering ${subscription.tickers.join(', ')}` : 'every report';
      emit({ subscription, created }, output(), () => `${email} ${created ? 'now receives' : 'already received; now receives'} ${scope}.`);
    });

  subscribers
    .command('remove')
    .description('stop sending the report to an email address')
    .argument('<email>', 'the address to remove', parseEmail)
    .action(async (email: string) => {
      const removed = await ctx.withApp((app) =>
        app.store.transaction(async (repos) => {
          const done = await repos.subscriptions.remove('email', email);
          await repos.audit.record({ actor: terminalActorId(), action: 'subscribers.remove', target: email, outcome: done ? 'ok' : 'failed', detail: { surface: 'cli' } });
          return done;
        }),
      );
      emit({ email, removed }, output(), () => (removed ? `${email} no longer receives the report.` : `${email} was not subscribed; nothing changed.`));
      if (!removed) process.exitCode = 2;
    });

  subscribers
    .command('list')
    .description('everyone who receives the report: email addresses and chat channels')
    .action(async () => {
      const list = await ctx.withApp((app) => app.store.subscriptions.list());
      emit({ subscribers: list }, output(), () =>
        list.length === 0
          ? 'No subscribers yet: `tickcast subscribers add EMAIL`, or `subscribe` in a Slack or Discord channel.'
          : table(['kind', 'to', 'tickers', 'since', 'by'], list.map((s) => [s.kind, s.target, s.tickers?.join(',') ?? 'all', day(s.createdAt), s.createdBy])),
      );
    });
}
