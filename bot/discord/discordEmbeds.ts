import type { APIEmbed } from 'discord.js';
import { describeCondition, formatAlertRule } from '../../alerts/ruleGrammar.ts';
import type { PromotionRequest } from '../../core/governance.ts';
import {
  NAIVE_LABEL, day, driversLine, evaluationLine, forecastIntro, jobLine, forecastTable, forecastTitle, formatPrice, plural, priceRange, ruleLine, signedPercent, skillLine, trainingFacts,
} from '../../render/wording.ts';
import type { CommandResult, ResultOf, VersionSummary } from '../results.ts';
import { field, fitEmbed, linesWithin, EMBED_LIMITS } from './embedLimits.ts';
import { COLORS } from './colors.ts';

const bold = (text: string) => `**${text}**`;

/**
 * Discord embeds for command results. Pure: the caller attaches the chart
 * (`imageName`) and the files. Every embed is fitted to Discord's limits before it leaves here.
 */
export interface EmbedOptions {
  /** The attached image the embed shows, e.g. `chart.png`. */
  imageName?: string | null;
}

export function resultEmbed(result: CommandResult, options: EmbedOptions = {}): APIEmbed {
  const embed = rawResultEmbed(result);
  if (options.imageName) embed.image = { url: `attachment://${options.imageName}` };
  return fitEmbed(embed);
}

function rawResultEmbed(result: CommandResult): APIEmbed {
  switch (result.kind) {
    case 'forecast':
      return forecastEmbed(result);
    case 'price':
      return priceEmbed(result);
    case 'alertCreated':
      return alertCreatedEmbed(result);
    case 'alertList':
      return alertListEmbed(result);
    case 'alertRemoved':
      return { title: `Alert #${result.rule.id} removed`, description: `\`${formatAlertRule(result.rule.ticker, result.rule.condition)}\` no longer fires.`, color: COLORS.neutral };
    case 'report':
      return reportEmbed(result);
    case 'subscription':
      return subscriptionEmbed(result);
    case 'modelStatus':
      return modelStatusEmbed(result);
    case 'promotionRequested':
      return promotionRequestedEmbed(result.request);
    case 'promoted':
      return {
        title: `${result.move.toVersion} is now champion`,
        description: `Was ${result.move.fromVersion ?? 'none'}. Requested by ${result.request.requestedBy}, approved by ${result.request.decidedBy ?? 'unknown'}.`,
        color: COLORS.ok,
      };
    case 'promotionRejected': {
      const { request } = result;
      const withdrawn = request.decidedBy !== null && request.decidedBy === request.requestedBy;
      return {
        title: `Promotion of ${request.version} ${withdrawn ? 'withdrawn' : 'turned down'} (#${request.id})`,
        description: `${request.decidedBy ?? 'An admin'} ${withdrawn ? 'withdrew' : 'rejected'} it; the champion is unchanged.`,
        color: COLORS.neutral,
      };
    }
    case 'rolledBack':
      return {
        title: `Champion rolled back to ${result.move.toVersion}`,
        description: `From ${result.move.fromVersion ?? 'none'}${result.move.by ? ` by ${result.move.by}` : ''}: ${result.move.reason}.`,
        color: COLORS.warning,
      };
    case 'retrained':
      return retrainedEmbed(result);
    case 'help':
      return helpEmbed(result);
    case 'error':
      return errorEmbed(result);
    default: {
      const unhandled: never = result;
      throw new Error(`no Discord embed for result ${JSON.stringify(unhandled)}`);
    }
  }
}

function forecastEmbed({ forecast }: ResultOf<'forecast'>): APIEmbed {
  const fields = [field('Skill', skillLine(forecast))];
  if (forecast.edge && forecast.drivers.length > 0) fields.push(field('Drivers', driversLine(forecast)));
  return {
    title: forecastTitle(forecast),
    description: `${forecastIntro(forecast, bold)}\n\`\`\`\n${forecastTable(forecast)}\n\`\`\``,
    fields,
    color: forecast.edge ? COLORS.info : COLORS.neutral,
    footer: { text: `model ${forecast.modelVersion} · as of ${forecast.asOf}` },
  };
}

function priceEmbed(result: ResultOf<'price'>): APIEmbed {
  const lines = [
    `Close on ${result.asOf}: **${formatPrice(result.close)}**`,
    `1 session ${signedPercent(result.change1d)} · 5 sessions ${signedPercent(result.change5d)}`,
    `52-week range ${priceRange(result.low52w, result.high52w)}`,
  ];
  return {
    title: `${result.ticker} · ${formatPrice(result.close)}`,
    description: lines.join('\n'),
    fields: result.qualityNote ? [field('Data quality', result.qualityNote)] : [],
    color: result.qualityNote ? COLORS.warning : COLORS.info,
    footer: { text: `as of ${result.asOf}` },
  };
}

function alertCreatedEmbed({ rule, observation }: ResultOf<'alertCreated'>): APIEmbed {
  const fields = observation ? [field(observation.holds ? `Holds now (${observation.asOf})` : `Now (${observation.asOf})`, observation.detail)] : [];
  return {
    title: `Alert #${rule.id} set on ${rule.ticker}`,
    description: `${describeCondition(rule.ticker, rule.condition)}.\nIt fires once when this holds, then waits until it clears before it can fire again. It posts to this channel.`,
    fields,
    color: COLORS.ok,
    footer: { text: `remove it with /alert remove id:${rule.id}` },
  };
}

function alertListEmbed({ rules }: ResultOf<'alertList'>): APIEmbed {
  if (rules.length === 0) return { title: 'No alerts in this channel', description: 'Add one with `/alert add`, e.g. `TSLA below 200`.', color: COLORS.neutral };
  return {
    title: `Alerts in this channel (${rules.length})`,
    description: linesWithin(rules.map((rule) => ruleLine(rule, bold)), EMBED_LIMITS.description),
    color: COLORS.info,
  };
}

function reportEmbed({ report, file, reason }: ResultOf<'report'>): APIEmbed {
  if (!report) return { title: 'No report yet', description: reason ?? 'No report has been rendered yet.', color: COLORS.neutral };
  const facts = [report.reportDate, report.tickers.join(', '), report.pages === null ? null : `${report.pages} pages`].filter((s): s is string => Boolean(s));
  return {
    title: report.title,
    description: `${facts.join(' · ')}\n${file ? `PDF attached: ${file.name}` : (reason ?? 'The PDF is not available.')}`,
    color: file ? COLORS.info : COLORS.warning,
  };
}

function subscriptionEmbed({ outcome, target, tickers }: ResultOf<'subscription'>): APIEmbed {
  const who = target.kind === 'discord' ? `<#${target.target}>` : target.kind === 'email' ? target.target : `Slack channel ${target.target}`;
  const what = tickers ? `the daily report for ${tickers.join(', ')}` : 'the daily report (whole watchlist)';
  const text: Record<typeof outcome, string> = {
    subscribed: `${who} now receives ${what}.`,
    already_subscribed: `${who} already receives ${what}.`,
    unsubscribed: `${who} no longer receives the daily report.`,
    not_subscribed: `${who} was not subscribed; nothing changed.`,
  };
  const changed = outcome === 'subscribed' || outcome === 'unsubscribed';
  return { title: changed ? 'Subscription updated' : 'Nothing to change', description: text[outcome], color: changed ? COLORS.ok : COLORS.neutral };
}

function versionText(summary: VersionSummary | null, none: string): string {
  if (!summary) return none;
  return [
    `${bold(summary.version)}, ${trainingFacts(summary)}`,
    `model: ${evaluationLine(summary.skill)}`,
    `${NAIVE_LABEL}: ${evaluationLine(summary.naive)}`,
  ].join('\n');
}

function modelStatusEmbed(result: ResultOf<'modelStatus'>): APIEmbed {
  const fields = [
    field('Champion', versionText(result.champion, 'None yet: forecasts show the random-walk interval.')),
    field('Challenger', versionText(result.challenger, 'None.')),
  ];
  if (result.pending.length > 0) {
    const lines = result.pending.map((p) => `#${p.id} ${p.version}, requested by ${p.requestedBy} on ${day(p.requestedAt)}`);
    fields.push(field('Waiting for approval', linesWithin(lines, EMBED_LIMITS.fieldValue)));
  }
  if (result.recentMoves.length > 0) {
    const lines = result.recentMoves.map((m) => `${day(m.at)} ${m.alias}: ${m.fromVersion ?? 'none'} → ${m.toVersion} (${m.reason}${m.by ? `, ${m.by}` : ''})`);
    fields.push(field('Recent moves', linesWithin(lines, EMBED_LIMITS.fieldValue)));
  }
  if (result.jobs.length > 0) fields.push(field('Jobs', linesWithin(result.jobs.map(jobLine), EMBED_LIMITS.fieldValue)));
  return { title: 'Model status', fields, color: COLORS.info, footer: { text: `${plural(result.versions, 'version')} stored` } };
}

function promotionRequestedEmbed(request: PromotionRequest): APIEmbed {
  const comparison = request.comparison;
  const fields = comparison
    ? [
        field(`Candidate ${request.version}`, evaluationLine(comparison.candidate)),
        field(`Champion ${comparison.championVersion ?? '(none)'}`, comparison.championVersion ? evaluationLine(comparison.champion) : 'no champion yet'),
        field('Random walk', evaluationLine(comparison.naive)),
        field(comparison.gate.passed ? 'Gate: passed' : 'Gate: failed', linesWithin(comparison.gate.checks.map((c) => `${c.passed ? '✅' : '❌'} ${c.detail}`), EMBED_LIMITS.fieldValue)),
      ]
    : [];
  return {
    title: `Promotion of ${request.version} requested (#${request.id})`,
    description: `A second admin, not ${request.requestedBy}, must approve it with \`/model approve\` before it becomes champion.`,
    fields,
    color: COLORS.warning,
    footer: { text: `requested by ${request.requestedBy} · ${day(request.requestedAt)}` },
  };
}

function retrainedEmbed(result: ResultOf<'retrained'>): APIEmbed {
  return {
    title: `Trained ${result.version} in ${Math.round(result.seconds)} s`,
    description: result.becameChampion
      ? `${result.version} passed the gate and is now champion.`
      : `${result.version} is stored as challenger; the champion is unchanged.`,
    fields: [field('This version, one session ahead', evaluationLine(result.skill)), field('Random walk', evaluationLine(result.naive))],
    color: result.becameChampion ? COLORS.ok : COLORS.neutral,
  };
}

function helpEmbed({ topic, commands }: ResultOf<'help'>): APIEmbed {
  const lines = commands.map((c) => `\`/${c.usage}\`${c.adminOnly ? ' (admins)' : ''}: ${c.summary}`);
  const examples = topic ? commands.flatMap((c) => c.examples.map((e) => `\`/${e}\``)) : [];
  return {
    title: topic ? `Help: ${topic}` : 'tickcast commands',
    description: linesWithin(lines, EMBED_LIMITS.description),
    fields: examples.length > 0 ? [field('Examples', linesWithin(examples, EMBED_LIMITS.fieldValue))] : [],
    color: COLORS.neutral,
  };
}

export function errorEmbed({ message, reference }: { message: string; reference: string | null }): APIEmbed {
  return fitEmbed({
    title: reference ? 'Something went wrong on our side' : 'That did not work',
    description: message,
    color: COLORS.error,
    ...(reference ? { footer: { text: `reference ${reference}` } } : {}),
  });
}
