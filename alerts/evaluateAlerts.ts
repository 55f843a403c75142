import type { AlertCondition, AlertEvent, AlertKind, AlertObservation, AlertRule } from '../core/alerts.ts';
import type { Store } from '../core/ports.ts';
import { loadObservationInputs } from './loadObservationInputs.ts';
import { observe } from './observe.ts';

/** What just changed: new bars and quality verdicts, or new forecasts. */
export type AlertTrigger = 'ingest' | 'forecast';

/**
 * The kinds each trigger can change. Prices, moves, anomaly scores and quality verdicts are read off the bars and
 * the gate's verdict, which only ingestion writes; a forecast rule reads only the stored forecast, which only a
 * forecast writes. Evaluating a rule whose data did not change could not fire or re-arm it, so it is not read.
 */
export const KINDS_BY_TRIGGER: Record<AlertTrigger, ReadonlySet<AlertKind>> = {
  ingest: new Set(['price_above', 'price_below', 'pct_move', 'anomaly', 'quality']),
  forecast: new Set(['forecast_prob']),
};

export interface AlertScope {
  /** Only these tickers' rules; all tickers when absent. */
  tickers?: readonly string[];
  trigger: AlertTrigger;
}

export interface AlertEvaluation {
  /** Active rules in scope. */
  checked: number;
  /** Events fired (each enqueued for delivery in the same transaction). */
  fired: AlertEvent[];
  /** Ids of rules re-armed because their condition cleared. */
  rearmed: number[];
  /** Ids of rules whose data is missing (no bars, no forecast far enough, no score): neither fired nor re-armed. */
  skipped: number[];
}

/**
 * Check the active rules in scope against the latest data. An armed rule whose condition holds fires: in one
 * transaction it is disarmed (only the evaluation that disarms it goes on), its event is recorded under the key
 * `alert:<rule>:<asOf>` (the same crossing seen twice records nothing), and the event is enqueued for its channel.
 * A disarmed rule whose condition no longer holds is re-armed, so a rule fires once per crossing. Safe to run
 * twice, or in two processes at once, over the same data. Call the outbox worker's `notify()` when `fired` is not
 * empty.
 */
export async function evaluateAlerts(store: Store, scope: AlertScope, now: Date): Promise<AlertEvaluation> {
  const kinds = KINDS_BY_TRIGGER[scope.trigger];
  const tickers = scope.tickers ? new Set(scope.tickers) : null;
  const rules = (await store.alerts.list()).filter((rule) => kinds.has(rule.condition.kind) && (!tickers || tickers.has(rule.ticker)));
  const outcome: AlertEvaluation = { checked: rules.length, fired: [], rearmed: [], skipped: [] };
  const observed: number[] = [];
  for (const [ticker, tickerRules] of byTicker(rules)) {
    const inputs = await loadObservationInputs(store, ticker, tickerRules.map((rule) => rule.condition));
    for (const rule of tickerRules) {
      const observation = observe(rule.condition, inputs);
      if (!observation) {
        outcome.skipped.push(rule.id);
        continue;
      }
      observed.push(rule.id);
      if (observation.holds && rule.armed) {
        const event = await fire(store, rule, observation, now);
        if (event) outcome.fired.push(event);
      } else if (!observation.holds && !rule.armed && (await store.alerts.rearm(rule.id, now))) {
        outcome.rearmed.push(rule.id);
      }
    }
  }
  await store.alerts.touch(observed, now);
  return outcome;
}

/**
 * The observation a new rule starts from, or null when there is no data to observe it yet. Create the rule armed
 * only when this is null or does not hold: a rule made while its condition already holds waits for the condition
 * to clear and cross again, instead of firing at once on old news.
 */
export async function initialArming(store: Store, ticker: string, condition: AlertCondition): Promise<AlertObservation | null> {
  return observe(condition, await loadObservationInputs(store, ticker, [condition]));
}

async function fire(store: Store, rule: AlertRule, observation: AlertObservation, now: Date): Promise<AlertEvent | null> {
  return store.transaction(async (repos) => {
    if (!(await repos.alerts.disarm(rule.id, now))) return null;
    const event = await repos.alerts.recordEvent({
      ruleId: rule.id,
      ticker: rule.ticker,
      condition: rule.condition,
      channel: rule.channel,
      asOf: observation.asOf,
      value: observation.value,
      detail: observation.detail,
      dedupeKey: `alert:${rule.id}:${observation.asOf}`,
    });
    // Already announced for this session (the rule re-armed on a revised bar and crossed again): stay disarmed, quietly.
    if (!event) return null;
    await repos.outbox.enqueue({ channel: rule.channel, body: { kind: 'alert', event }, dedupeKey: `alert:${event.id}` });
    return event;
  });
}

function byTicker(rules: readonly AlertRule[]): Map<string, AlertRule[]> {
  const groups = new Map<string, AlertRule[]>();
  for (const rule of rules) groups.set(rule.ticker, [...(groups.get(rule.ticker) ?? []), rule]);
  return groups;
}
