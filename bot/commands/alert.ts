import { z } from 'zod';
import { sameChannel } from '../../core/chat.ts';
import { unknownTicker, UserError } from '../../core/errors.ts';
import { initialArming } from '../../alerts/evaluateAlerts.ts';
import { ALERT_RULE_FORMS, parseAlertRule } from '../../alerts/ruleGrammar.ts';
import { defineCommand } from '../command.ts';
import { integerArg } from './args.ts';

/** A channel's active rules are capped, so a loop or a typo cannot flood evaluation. */
export const MAX_RULES_PER_CHANNEL = 50;

export const alertAddCommand = defineCommand({
  path: ['alert', 'add'],
  summary: 'alert this channel once when a condition starts to hold; it re-arms when the condition clears',
  params: [{ name: 'rule', display: 'RULE', description: 'e.g. "TSLA below 200" or "TSLA prob below 200 within 5d > 30%"', type: 'string', required: true, rest: true }],
  schema: z.object({ rule: z.string({ error: `a rule is required: ${ALERT_RULE_FORMS.join(' · ')}` }) }),
  adminOnly: false,
  cost: null,
  examples: ['alert add TSLA below 200', 'alert add NVDA move 5% within 3d', 'alert add TSLA prob below 200 within 5d > 30%', 'alert add AAPL anomaly > 3', 'alert add SPY quality'],
  async run({ rule }, ctx) {
    const { ticker, condition } = parseAlertRule(rule);
    const { store } = ctx.services;
    if (!(await store.prices.lastBarTime(ticker, '1d'))) throw unknownTicker(ticker);
    const existing = await store.alerts.list({ channel: ctx.channel });
    if (existing.length >= MAX_RULES_PER_CHANNEL) {
      throw new UserError('too_many_alerts', `this channel has ${existing.length} alert rules, the most allowed; remove some with \`alert remove ID\``);
    }
    // Fires once per crossing: a condition that already holds now is not a crossing, so the rule starts disarmed.
    const observation = await initialArming(store, ticker, condition);
    const created = await store.alerts.create({ ticker, condition, channel: ctx.channel, createdBy: ctx.actor.id, armed: !observation?.holds });
    return { kind: 'alertCreated', rule: created, observation };
  },
});

export const alertListCommand = defineCommand({
  path: ['alert', 'list'],
  summary: "this channel's alert rules",
  params: [],
  schema: z.object({}),
  adminOnly: false,
  cost: null,
  examples: ['alert list'],
  async run(_args, ctx) {
    return { kind: 'alertList', channel: ctx.channel, rules: await ctx.services.store.alerts.list({ channel: ctx.channel }) };
  },
});

export const alertRemoveCommand = defineCommand({
  path: ['alert', 'remove'],
  summary: 'remove one of this channel’s alert rules by its id',
  params: [{ name: 'id', display: 'ID', description: 'the rule id `alert list` shows', type: 'integer', required: true }],
  schema: z.object({ id: integerArg(1, 2_147_483_647) }),
  adminOnly: false,
  cost: null,
  examples: ['alert remove 12'],
  async run({ id }, ctx) {
    const { store } = ctx.services;
    const rule = await store.alerts.find(id);
    // A rule from another channel is reported as missing: channel ids are not something to probe for.
    if (!rule || !rule.active || !sameChannel(rule.channel, ctx.channel)) {
      throw new UserError('unknown_alert', `this channel has no alert rule ${id}; \`alert list\` shows its rules`);
    }
    await store.alerts.deactivate(id);
    return { kind: 'alertRemoved', rule: { ...rule, active: false } };
  },
});
