import type { Narrative, ReportFacts, TickerFacts } from '../../core/reports.ts';
import { formatPrice, percent, plural, priceRange, signedPercent, skillRatio } from '../../render/wording.ts';

/**
 * The narrative written by code from the facts alone: what a report says when no LLM is configured or its answer
 * is unusable. Deterministic, and it writes only numbers the facts hold (the same number check the LLM's text
 * goes through passes it; the tests hold it to that). Two to four paragraphs: the biggest movers; what the
 * forecasts expect; how far to trust them; tickers without a forecast and why, alerts and model registry changes.
 */
export function templateNarrative(facts: ReportFacts, fallbackReason: string | null): Narrative {
  const paragraphs = [moversParagraph(facts), forecastParagraph(facts), trustParagraph(facts), eventsParagraph(facts)];
  return { source: 'template', model: null, paragraphs: paragraphs.filter((p): p is string => p !== null), droppedSentences: 0, fallbackReason };
}

/** How many tickers a sentence details before it only names the rest. */
const DETAILED = 3;

/** Facts hold percents in percent units (1.23 is 1.23%); the wording takes shares. Two places, as the facts give them. */
function pct(value: number): string {
  return signedPercent(value / 100, 2);
}

/** `A`, `A and B`, `A, B and C`. */
function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Largest magnitude first; ties by name in code-point order, so the text never depends on the machine's locale. */
function byMagnitude<T>(value: (item: T) => number, name: (item: T) => string) {
  return (a: T, b: T) => Math.abs(value(b)) - Math.abs(value(a)) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
}

function moversParagraph(facts: ReportFacts): string {
  if (facts.tickers.length === 0) return `The watchlist is empty on ${facts.reportDate}, so there is nothing to summarise.`;
  // A ticker whose last close is older than the newest on the watchlist did not move that day: named as behind instead.
  const newest = facts.tickers.reduce<string | null>((max, t) => (t.asOf !== null && (max === null || t.asOf > max) ? t.asOf : max), null);
  const behind = facts.tickers.filter((t) => t.asOf !== null && newest !== null && t.asOf < newest);
  const lag = behind.length === 0 ? '' : ` Behind the rest of the watchlist: ${listing(behind.map((t) => `${t.ticker} (last close ${t.asOf})`))}.`;
  const moved = facts.tickers.filter((t): t is TickerFacts & { change1dPct: number } => t.change1dPct !== null && !behind.includes(t));
  if (moved.length === 0) return `No ticker on the watchlist has a 1-day change for ${facts.reportDate}.${lag}`;
  const movers = [...moved].sort(byMagnitude((t) => t.change1dPct, (t) => t.ticker)).slice(0, DETAILED);
  const described = movers.map((t) => `${t.ticker} ${pct(t.change1dPct)}${t.lastClose === null ? '' : ` (close ${formatPrice(t.lastClose)})`}`);
  return `${movers.length === 1 ? `The only 1-day move on the watchlist: ${described[0]}.` : `Biggest 1-day moves on the watchlist: ${listing(described)}.`}${lag}`;
}

type Forecasted = TickerFacts & { forecast: NonNullable<TickerFacts['forecast']> };

function forecastedTickers(facts: ReportFacts): Forecasted[] {
  return facts.tickers.filter((t): t is Forecasted => t.status === 'ok' && t.forecast !== null);
}

function forecastParagraph(facts: ReportFacts): string | null {
  const forecasted = forecastedTickers(facts);
  if (forecasted.length === 0) return null;
  const ranked = [...forecasted].sort(byMagnitude((t) => t.forecast.medianChangePct, (t) => t.ticker));
  const sentences = ranked.slice(0, DETAILED).map(({ ticker, forecast: f }) =>
    `${ticker}: median ${formatPrice(f.median)} by ${f.date} (${pct(f.medianChangePct)} over ${plural(f.horizon, 'session')}), 80% interval ${priceRange(f.low80, f.high80)}.`);
  const rest = ranked.slice(DETAILED).map((t) => t.ticker);
  if (rest.length > 0) sentences.push(`Also forecast: ${listing(rest)}.`);
  return sentences.join(' ');
}

function trustParagraph(facts: ReportFacts): string | null {
  const sentences = [...trustSentences(forecastedTickers(facts)), ...driftSentences(facts.tickers)];
  return sentences.length > 0 ? sentences.join(' ') : null;
}

/** Whether to believe the forecasts: an edge over tomorrow = today, none (the interval is the random walk's), or no record. */
function trustSentences(forecasted: Forecasted[]): string[] {
  const sentences: string[] = [];
  const withEdge = forecasted.filter((t) => t.edge === true);
  const withoutEdge = forecasted.filter((t) => t.edge === false).map((t) => t.ticker);
  const unrated = forecasted.filter((t) => t.edge === null).map((t) => t.ticker);
  if (withEdge.length > 0) {
    const skill = (t: Forecasted) => [t.mase === null ? null : `MASE ${skillRatio(t.mase)}`, t.coverage80Pct === null ? null : `80% interval held ${percent(t.coverage80Pct / 100, 1)}`].filter((s) => s !== null);
    const named = withEdge.map((t) => (skill(t).length > 0 ? `${t.ticker} (${skill(t).join(', ')})` : t.ticker));
    sentences.push(`The model has shown an edge over tomorrow = today for ${listing(named)}.`);
  }
  if (withoutEdge.length > 0) {
    const shown = withoutEdge.length === 1 ? 'the interval shown is' : 'the intervals shown are';
    sentences.push(`No edge over tomorrow = today for ${listing(withoutEdge)}: ${shown} the random walk's.`);
  }
  if (unrated.length > 0) sentences.push(`No skill figures yet for ${listing(unrated)}, so nothing shows ${unrated.length === 1 ? 'its forecast beats' : 'their forecasts beat'} tomorrow = today.`);
  return sentences;
}

function driftSentences(tickers: TickerFacts[]): string[] {
  const drifted = tickers.filter((t) => t.drift === 'drift').map((t) => t.ticker);
  const watched = tickers.filter((t) => t.drift === 'watch').map((t) => t.ticker);
  const sentences: string[] = [];
  if (drifted.length > 0) sentences.push(`Inputs have drifted from the training data for ${listing(drifted)}: trust ${drifted.length === 1 ? 'that forecast' : 'those forecasts'} less.`);
  if (watched.length > 0) sentences.push(`Inputs are on watch for ${listing(watched)}.`);
  return sentences;
}

/** The status in words where it adds to the reason; `no_forecast` would only repeat the sentence. */
const STATUS_WORDS: Record<TickerFacts['status'], string | null> = { ok: null, no_data: 'no data', unpublishable: 'unpublishable', no_forecast: null };

function missingSentence(facts: ReportFacts): string | null {
  const missing = facts.tickers.filter((t) => t.status !== 'ok' || t.forecast === null);
  if (missing.length === 0) return null;
  const named = missing.map((t) => {
    const why = [STATUS_WORDS[t.status], t.reason?.trim().replace(/[.\s]+$/, '')].filter(Boolean).join(': ');
    return why ? `${t.ticker} (${why})` : t.ticker;
  });
  return `No forecast is published for ${listing(named)}.`;
}

/** What else happened: tickers left without a forecast, alerts, registry changes. Always says something about alerts. */
function eventsParagraph(facts: ReportFacts): string {
  const missing = missingSentence(facts);
  const sentences: string[] = missing === null ? [] : [missing];
  const alerted = facts.tickers.filter((t) => t.alertsFired > 0).map((t) => `${t.ticker} (${t.alertsFired})`);
  if (facts.alertsFired === 0) sentences.push('No alerts fired since the previous report.');
  else sentences.push(`${plural(facts.alertsFired, 'alert')} fired since the previous report${alerted.length > 0 ? `: ${listing(alerted)}` : ''}.`);
  for (const change of facts.registryChanges) {
    const moved = change.fromVersion === null ? `was set to ${change.toVersion}` : `moved from ${change.fromVersion} to ${change.toVersion}`;
    const day = /^\d{4}-\d{2}-\d{2}/.exec(change.at)?.[0];
    const reason = change.reason.trim().replace(/[.\s]+$/, '');
    sentences.push(`Model registry: ${change.alias} ${moved}${day ? ` on ${day}` : ''}${reason ? ` (${reason})` : ''}.`);
  }
  const championNamed = facts.registryChanges.some((change) => change.toVersion === facts.champion);
  if (facts.champion !== null && !championNamed) sentences.push(`The champion model is ${facts.champion}.`);
  return sentences.join(' ');
}
