import type { AlertCondition, AlertEvent, AlertRule } from '../../core/alerts.ts';
import type { ResultOf } from '../results.ts';
import { context, escapeMrkdwn, message, section, sections, type SlackMessage } from './blockKit.ts';
import { minute, percent, price, who } from './format.ts';

/** Alert rules as people read them: `AAPL closes at or below 200.00`. */
export function describeCondition(ticker: string, condition: AlertCondition): string {
  const t = escapeMrkdwn(ticker);
  switch (condition.kind) {
    case 'price_above':
      return `${t} closes at or above ${price(condition.level)}`;
    case 'price_below':
      return `${t} closes at or below ${price(condition.level)}`;
    case 'pct_move':
      return `${t} moves ${condition.percent}% or more (either way) over ${condition.sessions} session${condition.sessions === 1 ? '' : 's'}`;
    case 'forecast_prob':
      return `the forecast gives ${t} at least ${percent(condition.probability, 0)} of closing ${condition.side} ${price(condition.level)} within ${condition.within} session${condition.within === 1 ? '' : 's'}`;
    case 'anomaly':
      return `${t}'s last bar scores ${condition.threshold} or more on the anomaly scale`;
    case 'quality':
      return `${t}'s daily series fails the quality gate`;
    default: {
      const unknown: never = condition;
      return `an alert of an unknown kind (${JSON.stringify(unknown)})`;
    }
  }
}

function ruleLine(rule: AlertRule): string {
  const state = !rule.active ? 'removed' : rule.armed ? 'armed' : 'fired, re-arms when the condition clears';
  return `*#${rule.id}* ${describeCondition(rule.ticker, rule.condition)} — ${state} · set by ${who(rule.createdBy)}`;
}

export function renderAlertCreated(result: ResultOf<'alertCreated'>): SlackMessage {
  const { rule, observation } = result;
  const what = describeCondition(rule.ticker, rule.condition);
  const blocks = [section(`:bell: Alert *#${rule.id}* set: ${what}. It posts here once per crossing.`)];
  if (observation) {
    const now = observation.holds ? 'The condition holds right now.' : 'The condition does not hold right now.';
    blocks.push(context(`${now} ${escapeMrkdwn(observation.detail)} (as of ${observation.asOf})`));
  }
  if (!rule.armed) blocks.push(context('It fires after the condition first clears, so an existing crossing does not count.'));
  return message(`Alert #${rule.id} set: ${what}.`, blocks, 'in_channel');
}

export function renderAlertList(result: ResultOf<'alertList'>): SlackMessage {
  if (result.rules.length === 0) {
    return message('No alerts in this channel.', [section('No alerts in this channel. Add one with `/alert add TSLA below 200`.')], 'in_channel');
  }
  const count = `${result.rules.length} alert${result.rules.length === 1 ? '' : 's'} in this channel`;
  return message(`${count}.`, [section(`:bell: ${count}:`), ...sections(result.rules.map(ruleLine))], 'in_channel');
}

export function renderAlertRemoved(result: ResultOf<'alertRemoved'>): SlackMessage {
  const what = describeCondition(result.rule.ticker, result.rule.condition);
  return message(`Removed alert #${result.rule.id}.`, [section(`:no_bell: Removed alert *#${result.rule.id}* (${what}).`)], 'in_channel');
}

/** An alert that fired, as the outbox posts it to the rule's channel. */
export function renderAlertEvent(event: AlertEvent): SlackMessage {
  const what = describeCondition(event.ticker, event.condition);
  const blocks = [
    section(`:rotating_light: *${escapeMrkdwn(event.ticker)}* alert *#${event.ruleId}*: ${what}.`),
    section(escapeMrkdwn(event.detail)),
    context(`As of ${event.asOf} · fired ${minute(event.firedAt)} · fires again only after the condition clears`),
  ];
  return message(`${event.ticker} alert #${event.ruleId}: ${event.detail}`, blocks, 'in_channel');
}
