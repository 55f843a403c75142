import { describeCondition } from '../../alerts/ruleGrammar.ts';
import type { OutboundBody } from '../../core/outbox.ts';
import type { CommandResult, ResultOf, VersionSummary } from '../results.ts';
import {
  NAIVE_LABEL, evaluationLine, formatPrice, forecastTable, forecastTitle, jobLine, minute, plural, priceRange, reportHeadline, reportPdfHint, reportWatchlistTable, ruleLine,
  signedPercent, skillLine, trainingFacts,
} from '../../render/wording.ts';

/** The terminal's rendering of every result: plain text, as `tickcast chat` prints it. */
export function renderText(result: CommandResult): string {
  switch (result.kind) {
    case 'forecast': {
      const { forecast } = result;
      return [
        `${forecastTitle(forecast)} from the close of ${forecast.asOf} (${formatPrice(forecast.lastClose)}) · model ${forecast.modelVersion}`,
        forecastTable(forecast),
        skillLine(forecast),
      ].join('\n');
    }
    case 'price':
      return [
        `${result.ticker} closed at ${formatPrice(result.close)} on ${result.asOf}: ${signedPercent(result.change1d)} on the session, ${signedPercent(result.change5d)} over 5 sessions`,
        `52-week range ${priceRange(result.low52w, result.high52w)}`,
        ...(result.qualityNote ? [`Data quality: held back by the quality gate: ${result.qualityNote}`] : []),
      ].join('\n');
    case 'alertCreated':
      return alertCreated(result);
    case 'alertList':
      return result.rules.length === 0 ? 'No alert rules here yet; add one with `alert add TSLA below 200`.' : ['Alert rules here:', ...result.rules.map((r) => `  ${ruleLine(r)}`)].join('\n');
    case 'alertRemoved':
      return `Removed alert #${result.rule.id}: ${describeCondition(result.rule.ticker, result.rule.condition)}.`;
    case 'report':
      return result.report && result.file ? `Report of ${result.report.reportDate} (${result.report.tickers.join(', ')}), ${result.report.pages ?? '?'} pages.` : `No report to send: ${result.reason}`;
    case 'subscription':
      return subscription(result);
    case 'modelStatus':
      return modelStatus(result);
    case 'promotionRequested': {
      const { request } = result;
      const c = request.comparison;
      return [
        `Promotion request ${request.id}: ${request.version} to champion, asked by ${request.requestedBy}. A different admin must \`model approve ${request.id}\`.`,
        `  ${request.version}: ${evaluationLine(c?.candidate ?? null)}`,
        `  champion ${c?.championVersion ?? '(none)'}: ${evaluationLine(c?.champion ?? null)}`,
        `  ${NAIVE_LABEL}: ${evaluationLine(c?.naive ?? null)}`,
        `  gate: ${c?.gate.checks.map((check) => `${check.passed ? 'pass' : 'FAIL'} ${check.detail}`).join('; ') ?? 'not judged'}`,
      ].join('\n');
    }
    case 'promoted':
      return `${result.move.toVersion} is now champion (was ${result.move.fromVersion ?? 'none'}): request ${result.request.id} by ${result.request.requestedBy}, approved by ${result.request.decidedBy}.`;
    case 'promotionRejected':
      return `Promotion request ${result.request.id} (${result.request.version}) was turned down by ${result.request.decidedBy}.`;
    case 'rolledBack':
      return `Rolled back: champion is ${result.move.toVersion} again (was ${result.move.fromVersion ?? 'none'}).`;
    case 'retrained':
      return [
        `Trained ${result.version} in ${Math.round(result.seconds)} s; ${result.becameChampion ? 'it is the first to pass the gate and is now champion' : 'it is the challenger (`model promote ' + result.version + '` to ask for promotion)'}.`,
        `  ${result.version}: ${evaluationLine(result.skill)}`,
        `  ${NAIVE_LABEL}: ${evaluationLine(result.naive)}`,
      ].join('\n');
    case 'help':
      return [
        result.topic ? `tickcast: ${result.topic}` : 'tickcast commands (admin-only ones are marked *):',
        ...result.commands.map((c) => `  ${c.usage}${c.adminOnly ? ' *' : ''}\n      ${c.summary}${result.topic ? `\n      e.g. ${c.examples.join(' · ')}` : ''}`),
      ].join('\n');
    case 'error':
      return `✗ ${result.message}`;
    default: {
      const unhandled: never = result;
      return unhandled;
    }
  }
}

function alertCreated({ rule, observation }: ResultOf<'alertCreated'>): string {
  const head = `Alert #${rule.id} set: ${describeCondition(rule.ticker, rule.condition)}. It fires here once per crossing.`;
  if (!observation) return `${head}\n(no data to check it against yet)`;
  return rule.armed
    ? `${head}\nNow: ${observation.detail}`
    : `${head}\nIt already holds (${observation.detail}), so it waits for the condition to clear before it can fire.`;
}

function subscription(result: ResultOf<'subscription'>): string {
  const target = result.target.kind === 'email' ? result.target.target : `this ${result.target.kind} channel`;
  switch (result.outcome) {
    case 'subscribed':
      return `Subscribed ${target} to the daily report.`;
    case 'already_subscribed':
      return `${target} already receives the daily report.`;
    case 'unsubscribed':
      return `Unsubscribed ${target} from the daily report.`;
    case 'not_subscribed':
      return `${target} was not subscribed.`;
  }
}

function versionLine(label: string, summary: VersionSummary | null): string {
  if (!summary) return `${label}: none`;
  return `${label}: ${summary.version}, ${trainingFacts(summary)}\n    ${evaluationLine(summary.skill)}\n    ${NAIVE_LABEL}: ${evaluationLine(summary.naive)}`;
}

function modelStatus(result: ResultOf<'modelStatus'>): string {
  return [
    versionLine('champion', result.champion),
    versionLine('challenger', result.challenger),
    `${plural(result.versions, 'version')} stored.`,
    ...(result.pending.length > 0 ? ['Waiting for approval:', ...result.pending.map((r) => `  request ${r.id}: ${r.version} asked by ${r.requestedBy} at ${minute(r.requestedAt)}`)] : []),
    ...(result.recentMoves.length > 0 ? ['Recent champion moves:', ...result.recentMoves.map((m) => `  ${minute(m.at)} ${m.fromVersion ?? 'none'} → ${m.toVersion} by ${m.by ?? 'system'}: ${m.reason}`)] : []),
    ...(result.jobs.length > 0 ? ['Jobs:', ...result.jobs.map((job) => `  ${jobLine(job)}`)] : []),
  ].join('\n');
}

/** Alerts, notices and report summaries that reach the terminal. */
export function renderOutboundText(body: OutboundBody): string {
  if (body.kind === 'notice') return `[${body.severity}] ${body.title}: ${body.text}`;
  if (body.kind === 'report') return [`📄 ${reportHeadline(body.report)}`, ...body.report.summary, reportWatchlistTable(body.report), reportPdfHint()].join('\n');
  const { event } = body;
  return `🔔 Alert #${event.ruleId}: ${describeCondition(event.ticker, event.condition)}: ${event.detail} (${event.asOf})`;
}
