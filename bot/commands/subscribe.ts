import { z } from 'zod';
import { UserError } from '../../core/errors.ts';
import type { SubscriptionKind } from '../../core/subscriptions.ts';
import { defineCommand, type CommandContext } from '../command.ts';

const emailArg = z.email({ error: (issue) => `'${String(issue.input)}' is not an email address` }).transform((e) => e.toLowerCase());

const targetParam = { name: 'email', display: 'EMAIL', description: 'an email address; without one, this channel', type: 'string', required: false } as const;

/** An email address given, or else the channel the command came from (the terminal has none that can receive). */
function targetOf(email: string | undefined, ctx: CommandContext): { kind: SubscriptionKind; target: string } {
  if (email) return { kind: 'email', target: email };
  if (ctx.channel.surface === 'terminal') {
    throw new UserError('no_channel', 'the terminal cannot receive reports; give an email address: `subscribe you@example.com`');
  }
  return { kind: ctx.channel.surface, target: ctx.channel.channelId };
}

export const subscribeCommand = defineCommand({
  path: ['subscribe'],
  summary: 'send the daily report to this channel, or to an email address',
  params: [targetParam],
  schema: z.object({ email: emailArg.optional() }),
  adminOnly: false,
  cost: null,
  examples: ['subscribe', 'subscribe ana@example.com'],
  async run({ email }, ctx) {
    const target = targetOf(email, ctx);
    const { created, subscription } = await ctx.services.store.subscriptions.add({ ...target, tickers: null, createdBy: ctx.actor.id });
    return { kind: 'subscription', outcome: created ? 'subscribed' : 'already_subscribed', target, tickers: subscription.tickers };
  },
});

export const unsubscribeCommand = defineCommand({
  path: ['unsubscribe'],
  summary: 'stop sending the daily report to this channel, or to an email address',
  params: [targetParam],
  schema: z.object({ email: emailArg.optional() }),
  adminOnly: false,
  cost: null,
  examples: ['unsubscribe', 'unsubscribe ana@example.com'],
  async run({ email }, ctx) {
    const target = targetOf(email, ctx);
    const removed = await ctx.services.store.subscriptions.remove(target.kind, target.target);
    return { kind: 'subscription', outcome: removed ? 'unsubscribed' : 'not_subscribed', target, tickers: null };
  },
});
