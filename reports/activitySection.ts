import type { AlertEvent } from '../core/alerts.ts';
import type { AliasMove } from '../core/model.ts';
import type { ReportCell, ReportSection } from '../core/reports.ts';
import { describeCondition } from '../alerts/ruleGrammar.ts';
import { minute } from '../render/wording.ts';
import { note, table } from './cells.ts';

/** What happened since the previous report: alerts that fired, and moves of the champion and challenger. */
export function activitySection(alerts: readonly AlertEvent[], moves: readonly AliasMove[], since: Date): ReportSection {
  const cells: ReportCell[] = [];
  const from = `since ${minute(since)}`;
  cells.push(alerts.length === 0
    ? note('info', `No alerts fired ${from}.`)
    : table(`Alerts fired ${from}`, ['fired', 'ticker', 'rule', 'what was seen'], alerts.map((e) => [minute(e.firedAt), e.ticker, describeCondition(e.ticker, e.condition), e.detail])));
  cells.push(moves.length === 0
    ? note('info', `No model registry changes ${from}.`)
    : table(`Model registry changes ${from}`, ['when', 'alias', 'from', 'to', 'by', 'reason'], moves.map((m) => [minute(m.at), m.alias, m.fromVersion ?? 'none', m.toVersion, m.by ?? 'system', m.reason])));
  return { id: 'activity', title: 'Alerts and model changes', cells };
}
