import { describeCondition } from '../../alerts/ruleGrammar.ts';
import type { AlertEvent, AlertRule } from '../../core/alerts.ts';
import { minute, plural, ruleLine } from '../../render/wording.ts';
import type { ResultOf } from '../results.ts';
import { context, escapeMrkdwn, message, section, sections, type SlackMessage } from './blockKit.ts';
import { mention } from './mention.ts';

/** `/alert …` answers and fired alerts. Rules read as `alerts/ruleGrammar.ts` describes them, escaped for mrkdwn. */

function what(rule: Pick<AlertRule, 'ticker' | 'condition'>): string {
  return escapeMrkdwn(describeCondition(rule.ticker, rule.condition));
}

function listedRule(rule: AlertRule): string {
  return `${escapeMrkdwn(ruleLine(rule, (id) => `*${id}*`))} · set by ${mention(rule.createdBy)}`;
}

export function renderAlertCreated(result: ResultOf<'alertCreated'>): SlackMessage {
  const { rule, observation } = result;
  const blocks = [section(`:bell: Alert *#${rule.id}* set: ${what(rule)}. It posts here once per crossing.`)];
  if (observation) {
    const now = observation.holds ? 'The condition holds right now.' : 'The condition does not hold right now.';
    blocks.push(context(`${now} ${escapeMrkdwn(observation.detail)} (as of ${observation.asOf})`));
  }
  if (!rule.armed) blocks.push(context('It fires after the condition first clears, so an existing crossing does not count.'));
  return message(`Alert #${rule.id} set: ${describeCondition(rule.ticker, rule.condition)}.`, blocks, 'in_channel');
}

export function renderAlertList(result: ResultOf<'alertList'>): SlackMessage {
  if (result.rules.length === 0) {
    return message('No alerts in this channel.', [section('No alerts in this channel. Add one with `/alert add TSLA below 200`.')], 'in_channel');
  }
  const count = `${plural(result.rules.length, 'alert')} in this channel`;
  return message(`${count}.`, [section(`:bell: ${count}:`), ...sections(result.rules.map(listedRule))], 'in_channel');
}

export function renderAlertRemoved(result: ResultOf<'alertRemoved'>): SlackMessage {
  return message(`Removed alert #${result.rule.id}.`, [section(`:no_bell: Removed alert *#${result.rule.id}* (${what(result.rule)}).`)], 'in_channel');
}

/** An alert that fired, as the outbox posts it to the rule's channel. */
export function renderAlertEvent(event: AlertEvent): SlackMessage {
  const blocks = [
    section(`:rotating_light: *${escapeMrkdwn(event.ticker)}* alert *#${event.ruleId}*: ${what(event)}.`),
    section(escapeMrkdwn(event.detail)),
    context(`As of ${event.asOf} · fired ${minute(event.firedAt)} · fires again only after the condition clears`),
  ];
  return message(`${event.ticker} alert #${event.ruleId}: ${event.detail}`, blocks, 'in_channel');
}
