import { describeCondition } from '../alerts/ruleGrammar.ts';
import type { AlertRule } from '../core/alerts.ts';
import type { JobStatus } from '../core/jobs.ts';
import type { Forecast } from '../core/forecast.ts';
import type { ReportDelivery, WatchlistLine } from '../core/reports.ts';
import type { EvaluationRow } from '../core/model.ts';
import { textTable } from './textTable.ts';

/**
 * Plain-text wording every surface shares: numbers, dates, the skill line, the forecast table, rule lines. Surfaces
 * add their own markup around it (Block Kit, embeds, chart layout, the terminal), so the same forecast reads the same
 * everywhere. Where a surface emphasises part of a line, it passes `strong`; the words stay here.
 */

/** What a figure that is missing or not finite reads as, everywhere. */
export const NOT_AVAILABLE = 'n/a';

/** Emphasis a surface wraps around part of a line (`*…*` in Slack, `**…**` on Discord); plain by default. */
export type Strong = (text: string) => string;
const plain: Strong = (text) => text;

const cents = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const subDollar = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** A price as it is quoted: cents, or four places below one dollar, where quotes move in 0.0001. */
export function formatPrice(value: number): string {
  if (!Number.isFinite(value)) return NOT_AVAILABLE;
  return (Math.abs(value) < 1 ? subDollar : cents).format(value);
}

/** Two prices as a range: `188.00 – 192.00`. */
export function priceRange(low: number, high: number): string {
  return `${formatPrice(low)} – ${formatPrice(high)}`;
}

/** A relative change with its sign: 0.0123 → `+1.2%`, -0.031 → `-3.1%`; a change that rounds to zero has none. */
export function signedPercent(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return NOT_AVAILABLE;
  const rounded = Number((change * 100).toFixed(digits));
  const text = `${Math.abs(rounded).toFixed(digits)}%`;
  return rounded > 0 ? `+${text}` : rounded < 0 ? `-${text}` : text;
}

/** A share as a percentage: 0.797 → `79.7%`. */
export function percent(share: number | null, digits = 1): string {
  return share === null || !Number.isFinite(share) ? NOT_AVAILABLE : `${(share * 100).toFixed(digits)}%`;
}

export function fixed(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? NOT_AVAILABLE : value.toFixed(digits);
}

/** MASE and U2 with three places: the gate is "below 1", and 0.996 must not read as 1.00. */
export function skillRatio(value: number | null): string {
  return fixed(value, 3);
}

export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function minute(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 version`, `3 versions`. */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** The figures shared by the skill line and the evaluation line: direction with its interval, and coverage. */
function directionAndCoverage(row: Pick<EvaluationRow, 'hitRate' | 'hitRateLow' | 'hitRateHigh' | 'coverage80' | 'coverage95'>, digits: number): string[] {
  return [
    `direction ${percent(row.hitRate, digits)} [${percent(row.hitRateLow, digits)}, ${percent(row.hitRateHigh, digits)}]`,
    `80% interval held ${percent(row.coverage80, digits)}, 95% held ${percent(row.coverage95, digits)}`,
  ];
}

/** One walk-forward row in a line: the figures that decide whether a model beats "tomorrow = today". */
export function evaluationLine(row: EvaluationRow | null): string {
  if (!row) return 'no walk-forward figures';
  return [`MASE ${skillRatio(row.mase)}`, `U2 ${skillRatio(row.u2)}`, ...directionAndCoverage(row, 1), `n=${row.n}`].join(' · ');
}

export interface SkillLineOptions {
  /**
   * For a chart subtitle: whole percentages and no gloss, and without an edge only the reason, which already says
   * what is shown instead.
   */
  short?: boolean;
}

/**
 * Whether the answer is the model's, in one line. Without an edge the reader must know the interval shown is the
 * random walk's, and why the model was set aside.
 */
export function skillLine(forecast: Forecast, { short = false }: SkillLineOptions = {}): string {
  if (!forecast.edge) {
    return short ? forecast.edgeReason : `No edge over tomorrow = today lately: showing the random-walk interval. ${forecast.edgeReason}`.trim();
  }
  const s = forecast.skill;
  return [
    `Edge over tomorrow = today: MASE ${skillRatio(s.mase)}${short ? '' : ' (below 1 beats it)'}`,
    ...directionAndCoverage(s, short ? 0 : 1),
    `n=${s.n}, ${s.window}`,
  ].join(' · ');
}

/** `AAPL · 5-session forecast`. */
export function forecastTitle(forecast: Forecast): string {
  return `${forecast.ticker} · ${forecast.horizon}-session forecast`;
}

/** The sentence above the forecast table, with the last close emphasised. */
export function forecastIntro(forecast: Forecast, strong: Strong = plain): string {
  return `Last close ${strong(formatPrice(forecast.lastClose))} on ${forecast.asOf}. Median with 80% and 95% intervals:`;
}

/** The forecast as a fixed-width table: date, median with its change from the last close, 80% and 95% intervals. */
export function forecastTable(forecast: Forecast): string {
  const rows = forecast.points.map((p) => [p.date, formatPrice(p.p50), signedPercent(p.p50 / forecast.lastClose - 1), priceRange(p.p10, p.p90), priceRange(p.p025, p.p975)]);
  return textTable(['date', 'median', 'change', '80% interval', '95% interval'], rows).join('\n');
}

/** The inputs that moved this forecast most: `ret_1 0.42 · vol_20 0.17`. */
export function driversLine(forecast: Forecast): string {
  return forecast.drivers.map((d) => `${d.input} ${fixed(d.importance)}`).join(' · ');
}

/** Whether a rule can fire now. */
export function ruleState(rule: AlertRule): string {
  return !rule.active ? 'removed' : rule.armed ? 'armed' : 'fired, re-arms when the condition clears';
}

/** `#12 TSLA closes at or below 200 (armed)`, with the number emphasised where the surface can. */
export function ruleLine(rule: AlertRule, strong: Strong = plain): string {
  return `${strong(`#${rule.id}`)} ${describeCondition(rule.ticker, rule.condition)} (${ruleState(rule)})`;
}

/** What a stored version was trained on and when: `trained on 2016-01-04..2026-05-29, saved 2026-06-01 00:00 UTC`. */
export function trainingFacts(version: { trainFrom: Date; trainTo: Date; createdAt: Date }): string {
  return `trained on ${day(version.trainFrom)}..${day(version.trainTo)}, saved ${minute(version.createdAt)}`;
}

/** What the "tomorrow = today" baseline is called beside a model's figures. */
export const NAIVE_LABEL = 'random walk';

/** The columns of a delivered report's watchlist (email, chat): ticker, last close, 1-day change, forecast median, 80% interval. */
export const REPORT_WATCHLIST_HEADINGS = ['Ticker', 'Last close', '1-day change', '5-session median', '80% interval'] as const;

export function reportWatchlistRows(watchlist: readonly WatchlistLine[]): string[][] {
  return watchlist.map((row) => [row.ticker, row.lastClose, row.change1d, row.forecast, row.interval80]);
}

/** The watchlist of a delivered report as a fixed-width table, figures right-aligned. */
export function reportWatchlistTable(report: Pick<ReportDelivery, 'watchlist'>): string {
  return textTable(REPORT_WATCHLIST_HEADINGS, reportWatchlistRows(report.watchlist)).join('\n');
}

/** A report's tickers in a short line: all of up to three, else two and `+N more` (`AAPL, MSFT +3 more`). */
export function reportTickers(tickers: readonly string[]): string {
  const named = tickers.length <= 3 ? tickers : tickers.slice(0, 2);
  const more = tickers.length - named.length;
  return named.join(', ') + (more > 0 ? ` +${more} more` : '');
}

/** `tickcast daily report for 2026-06-12 (AAPL, MSFT +3 more)`. */
export function reportHeadline(report: Pick<ReportDelivery, 'reportDate' | 'tickers' | 'title'>): string {
  return `${report.title} for ${report.reportDate} (${reportTickers(report.tickers)})`;
}

/** The web page of a report where the service is reached (`TICKCAST_PUBLIC_URL`). */
export function reportUrl(publicUrl: string, reportId: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/reports/${reportId}`;
}

/** Where a channel subscriber gets the PDF: the chat command in that channel. */
export function reportPdfHint(): string {
  return 'The PDF: `report` here.';
}

/** A scheduled job in one line, as `model status` shows it on every surface: schedule, next run, last outcome. */
export function jobLine(job: JobStatus): string {
  const next = job.nextRunAt ? `next ${minute(job.nextRunAt)}` : job.schedule === 'on demand' ? 'on demand' : `schedule ${job.schedule}`;
  const now = job.running > 0 ? ', running now' : job.waiting > 0 ? `, ${job.waiting} waiting` : '';
  const last = job.lastRun ? `last ${job.lastRun.state} ${minute(job.lastRun.startedAt)}${job.lastRun.error ? ` (${job.lastRun.error.slice(0, 80)})` : ''}` : 'never run';
  return `${job.name}: ${next}${now}; ${last}`;
}
