import type { PromotionRequest } from '../../core/governance.ts';
import type { AliasMove, EvaluationRow } from '../../core/model.ts';
import { NAIVE_LABEL, jobLine, minute, percent, plural, skillRatio, trainingFacts } from '../../render/wording.ts';
import type { ResultOf, VersionSummary } from '../results.ts';
import { codeTable, context, escapeMrkdwn, header, message, section, sections, type Block, type SlackMessage } from './blockKit.ts';
import { mention } from './mention.ts';

/** `/model …` answers: versions, their walk-forward figures beside the random walk's, promotions and moves. */

function evaluationTable(rows: readonly [label: string, row: EvaluationRow | null][]): Block[] {
  const present = rows.filter((r): r is [string, EvaluationRow] => r[1] !== null);
  if (present.length === 0) return [context('No walk-forward figures recorded.')];
  return codeTable(
    ['', 'MASE', 'U2', 'direction', '80% held', '95% held', 'n'],
    present.map(([label, row]) => [label, skillRatio(row.mase), skillRatio(row.u2), percent(row.hitRate), percent(row.coverage80), percent(row.coverage95), String(row.n)]),
  );
}

function version(v: string | null): string {
  return v === null ? 'none' : `\`${escapeMrkdwn(v)}\``;
}

function moveLine(move: AliasMove): string {
  return `${minute(move.at)}: ${move.alias} ${version(move.fromVersion)} → ${version(move.toVersion)} by ${mention(move.by)} (${escapeMrkdwn(move.reason)})`;
}

function summaryBlocks(label: string, summary: VersionSummary | null): Block[] {
  if (!summary) return [section(`*${label}:* none`)];
  return [
    section(`*${label}:* ${version(summary.version)}, ${trainingFacts(summary)}`),
    ...evaluationTable([[summary.version, summary.skill], [NAIVE_LABEL, summary.naive]]),
  ];
}

function pendingLine(request: PromotionRequest): string {
  return `request *#${request.id}*: promote ${version(request.version)}, asked by ${mention(request.requestedBy)} ${minute(request.requestedAt)}`;
}

export function renderModelStatus(result: ResultOf<'modelStatus'>): SlackMessage {
  const blocks: Block[] = [header('Model status'), ...summaryBlocks('Champion', result.champion), ...summaryBlocks('Challenger', result.challenger)];
  blocks.push(context(`${plural(result.versions, 'version')} in the registry · one session ahead, walk-forward, pooled over tickers · MASE and U2 below 1 beat the random walk`));
  if (result.pending.length > 0) blocks.push(section('*Waiting for approval*'), ...sections(result.pending.map(pendingLine)));
  if (result.recentMoves.length > 0) blocks.push(section('*Recent moves*'), ...sections(result.recentMoves.map(moveLine)));
  if (result.jobs.length > 0) blocks.push(section('*Jobs*'), ...sections(result.jobs.map((job) => escapeMrkdwn(jobLine(job)))));
  const champion = result.champion ? `champion ${result.champion.version}` : 'no champion yet';
  return message(`Model status: ${champion}, ${plural(result.versions, 'version')}, ${plural(result.pending.length, 'promotion request')} waiting.`, blocks, 'in_channel');
}

export function renderPromotionRequested(result: ResultOf<'promotionRequested'>): SlackMessage {
  const { request } = result;
  const blocks: Block[] = [
    section(`:scales: ${mention(request.requestedBy)} asks to promote ${version(request.version)} to champion (request *#${request.id}*). A different admin approves it with \`/model approve ${request.id}\`.`),
  ];
  const comparison = request.comparison;
  if (comparison) {
    blocks.push(
      ...evaluationTable([
        [`${request.version} (candidate)`, comparison.candidate],
        [`${comparison.championVersion ?? 'none'} (champion)`, comparison.champion],
        [NAIVE_LABEL, comparison.naive],
      ]),
    );
    const checks = comparison.gate.checks.map((c) => `${c.passed ? ':white_check_mark:' : ':x:'} ${escapeMrkdwn(c.name)}: ${escapeMrkdwn(c.detail)}`);
    blocks.push(section(`*Promotion gate ${comparison.gate.passed ? 'passed' : 'failed'}*`), ...sections(checks));
  }
  return message(`Promotion of ${request.version} requested by ${request.requestedBy}; waiting for a second admin.`, blocks, 'in_channel');
}

export function renderPromoted(result: ResultOf<'promoted'>): SlackMessage {
  const { request, move } = result;
  const text = `:white_check_mark: ${version(move.toVersion)} is now champion (was ${version(move.fromVersion)}): asked by ${mention(request.requestedBy)}, approved by ${mention(request.decidedBy)}.`;
  return message(`${move.toVersion} is now champion.`, [section(text), context(moveLine(move))], 'in_channel');
}

export function renderPromotionRejected(result: ResultOf<'promotionRejected'>): SlackMessage {
  const { request } = result;
  const by = request.decidedBy === request.requestedBy ? `withdrawn by ${mention(request.requestedBy)}` : `turned down by ${mention(request.decidedBy)}`;
  const text = `:x: Request *#${request.id}* to promote ${version(request.version)} was ${by}; the champion is unchanged.`;
  return message(`Promotion of ${request.version} (request #${request.id}) rejected.`, [section(text)], 'in_channel');
}

export function renderRolledBack(result: ResultOf<'rolledBack'>): SlackMessage {
  const { move } = result;
  const text = `:leftwards_arrow_with_hook: Champion rolled back to ${version(move.toVersion)} (from ${version(move.fromVersion)}) by ${mention(move.by)}.`;
  return message(`Champion rolled back to ${move.toVersion}.`, [section(text), context(moveLine(move))], 'in_channel');
}

export function renderRetrained(result: ResultOf<'retrained'>): SlackMessage {
  const outcome = result.becameChampion ? 'it passed the gate and is now champion' : 'it did not pass the gate; the champion is unchanged';
  const blocks: Block[] = [
    section(`:gear: Trained ${version(result.version)} in ${Math.round(result.seconds)} s; ${outcome}.`),
    ...evaluationTable([[result.version, result.skill], [NAIVE_LABEL, result.naive]]),
  ];
  return message(`Trained ${result.version}; ${outcome}.`, blocks, 'in_channel');
}
