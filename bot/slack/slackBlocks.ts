import type { OutboundBody } from '../../core/outbox.ts';
import type { ReportDelivery } from '../../core/reports.ts';
import { day, plural, reportHeadline, reportPdfHint, reportWatchlistTable } from '../../render/wording.ts';
import type { CommandResult, ResultOf } from '../results.ts';
import { renderAlertCreated, renderAlertEvent, renderAlertList, renderAlertRemoved } from './alertBlocks.ts';
import { codeBlocks, context, escapeMrkdwn, header, message, section, sections, type Block, type SlackMessage } from './blockKit.ts';
import { renderForecast, renderPrice } from './forecastBlocks.ts';
import { renderModelStatus, renderPromoted, renderPromotionRejected, renderPromotionRequested, renderRetrained, renderRolledBack } from './modelBlocks.ts';

export type { SlackMessage } from './blockKit.ts';

/**
 * Block Kit for every command result and every message tickcast posts on its own. Results people asked for in a
 * channel go to the channel; errors and help only to the person who asked.
 */
export function renderResult(result: CommandResult): SlackMessage {
  switch (result.kind) {
    case 'forecast':
      return renderForecast(result);
    case 'price':
      return renderPrice(result);
    case 'alertCreated':
      return renderAlertCreated(result);
    case 'alertList':
      return renderAlertList(result);
    case 'alertRemoved':
      return renderAlertRemoved(result);
    case 'report':
      return renderReport(result);
    case 'subscription':
      return renderSubscription(result);
    case 'modelStatus':
      return renderModelStatus(result);
    case 'promotionRequested':
      return renderPromotionRequested(result);
    case 'promoted':
      return renderPromoted(result);
    case 'promotionRejected':
      return renderPromotionRejected(result);
    case 'rolledBack':
      return renderRolledBack(result);
    case 'retrained':
      return renderRetrained(result);
    case 'help':
      return renderHelp(result);
    case 'error':
      return renderError(result);
    default: {
      const unknown: never = result;
      return renderFailure(`no Slack rendering for a result of kind ${(unknown as { kind: string }).kind}`);
    }
  }
}

export function renderOutbound(body: OutboundBody): SlackMessage {
  switch (body.kind) {
    case 'alert':
      return renderAlertEvent(body.event);
    case 'notice':
      return renderNotice(body);
    case 'report':
      return renderReportDelivery(body.report);
    default: {
      const unknown: never = body;
      return message(`tickcast: ${(unknown as { kind: string }).kind}`, [], 'in_channel');
    }
  }
}

export function renderError(result: ResultOf<'error'>): SlackMessage {
  const blocks: Block[] = [section(`:no_entry: ${escapeMrkdwn(result.message)}`)];
  if (result.reference) blocks.push(context(`Reference \`${escapeMrkdwn(result.reference)}\` — quote it to an admin.`));
  return message(result.message, blocks, 'ephemeral');
}

/** A failure after the ack that produced no result at all (a bug, or Slack refusing the answer). */
export function renderFailure(reason: string): SlackMessage {
  const text = `Sorry — that failed: ${reason}`;
  return message(text, [section(`:no_entry: ${escapeMrkdwn(text)}`)], 'ephemeral');
}

/** An interim note from a long command (a retrain), shown to the person who asked. */
export function renderProgress(note: string): SlackMessage {
  return message(note, [context(`:hourglass_flowing_sand: ${escapeMrkdwn(note)}`)], 'ephemeral');
}

function renderReport(result: ResultOf<'report'>): SlackMessage {
  const { report } = result;
  if (!report) return message(result.reason ?? 'No report yet.', [section(`:page_facing_up: ${escapeMrkdwn(result.reason ?? 'No report has been rendered yet.')}`)], 'in_channel');
  const pages = report.pages === null ? '' : ` · ${plural(report.pages, 'page')}`;
  const attached = result.file ? 'The PDF follows.' : escapeMrkdwn(result.reason ?? 'The PDF is not available.');
  const blocks = [
    section(`:page_facing_up: *${escapeMrkdwn(report.title)}* for ${report.reportDate}. ${attached}`),
    context(`${report.tickers.map(escapeMrkdwn).join(', ')}${pages} · rendered ${day(report.createdAt)}`),
  ];
  return message(`${report.title} (${report.reportDate})`, blocks, 'in_channel');
}

function renderSubscription(result: ResultOf<'subscription'>): SlackMessage {
  const sentence = (target: string, tickers: string) =>
    ({
      subscribed: `${target} now gets the daily report (${tickers}).`,
      already_subscribed: `${target} already gets the daily report (${tickers}).`,
      unsubscribed: `${target} no longer gets the daily report.`,
      not_subscribed: `${target} was not subscribed to the daily report.`,
    })[result.outcome];
  const tickers = result.tickers ?? ['the whole watchlist'];
  const { kind, target } = result.target;
  const shown = kind === 'slack' && /^[A-Z0-9]+$/.test(target) ? `<#${target}>` : `\`${escapeMrkdwn(target)}\``;
  const plain = kind === 'slack' ? 'This channel' : target;
  return message(sentence(plain, tickers.join(', ')), [section(sentence(shown, tickers.map(escapeMrkdwn).join(', ')))], 'in_channel');
}

function renderHelp(result: ResultOf<'help'>): SlackMessage {
  const lines = result.commands.map((c) => {
    const examples = c.examples.length > 0 ? ` (e.g. ${c.examples.map((e) => `\`${escapeMrkdwn(e)}\``).join(', ')})` : '';
    return `\`${escapeMrkdwn(c.usage)}\`${c.adminOnly ? ' _(admins)_' : ''} — ${escapeMrkdwn(c.summary)}${examples}`;
  });
  const blocks: Block[] = [
    header(result.topic ? `tickcast help: ${result.topic}` : 'tickcast commands'),
    ...sections(lines.length > 0 ? lines : ['No commands match.']),
    context('Type them after `/tickcast`, or use `/forecast`, `/alert`, `/report` and `/model` directly.'),
  ];
  return message(`tickcast help: ${result.commands.map((c) => c.usage).join(', ')}`, blocks, 'ephemeral');
}

/** The daily report to a subscribed channel: the summary and the watchlist; the PDF is a `report` away. */
function renderReportDelivery(report: ReportDelivery): SlackMessage {
  const headline = reportHeadline(report);
  return message(headline, [
    section(`:page_facing_up: *${escapeMrkdwn(headline)}*`),
    ...sections(report.summary.map(escapeMrkdwn)),
    ...codeBlocks(reportWatchlistTable(report)),
    context(escapeMrkdwn(reportPdfHint())),
  ], 'in_channel');
}

function renderNotice(body: Extract<OutboundBody, { kind: 'notice' }>): SlackMessage {
  const icon = { info: ':information_source:', warning: ':warning:', error: ':red_circle:' }[body.severity];
  return message(`${body.title}: ${body.text}`, [section(`${icon} *${escapeMrkdwn(body.title)}*`), ...sections(escapeMrkdwn(body.text).split('\n'))], 'in_channel');
}
