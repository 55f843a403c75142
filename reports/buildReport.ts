import type { ModelVersionInfo } from '../core/model.ts';
import type { Repos } from '../core/ports.ts';
import type { Forecast } from '../core/forecast.ts';
import { MAX_HORIZON } from '../core/forecast.ts';
import type { Narrative, ReportDocument, ReportFacts } from '../core/reports.ts';
import { UserError, oneLine } from '../core/errors.ts';
import { day } from '../render/wording.ts';
import { activitySection } from './activitySection.ts';
import { note } from './cells.ts';
import { overviewSection } from './overviewSection.ts';
import { reportFacts } from './reportFacts.ts';
import { loadTickerData } from './tickerData.ts';
import type { CalibrationStatus, DriftStatus, TickerReport } from './tickerReport.ts';
import { tickerSection } from './tickerSection.ts';
import { watchlistLine } from './watchlistLine.ts';

const REPORT_TITLE = 'tickcast daily report';
/** Without an earlier report, "since the last report" means the last week. */
const FIRST_REPORT_LOOKBACK_MS = 7 * 86_400_000;
/** A ticker's own walk-forward figures count once they rest on this many forecasts (as the forecast's skill does). */
const OWN_SKILL_MINIMUM_N = 100;
const SKILL_MODELS = new Set(['lstm', 'naive', 'drift']);
const SKILL_HORIZONS = new Set([1, MAX_HORIZON]);

export interface ReportBuildDeps {
  repos: Repos;
  /** A forecast from the last close on or before `asOf`; every forecast the report shows goes through here. */
  forecast(ticker: string, horizon: number, asOf: string): Promise<Forecast>;
  narrative: { write(facts: ReportFacts): Promise<Narrative> };
  codeVersion: string;
  now: () => Date;
}

export interface ReportRequest {
  tickers: readonly string[];
  /** `YYYY-MM-DD`; default: the newest session any of the tickers has a close for. */
  date?: string;
}

export interface BuiltReport {
  document: ReportDocument;
  /** The champion's id when the report was made; null when the forecasts were the random walk's. */
  championId: number | null;
}

/**
 * The daily report as a notebook, from the database: a narrative written from the facts, the market overview, one
 * section per ticker, alerts and model changes since the previous report, and the provenance of every number. A
 * ticker without data, one the quality gate blocks, or one whose forecast fails gets a section saying why; the
 * report refuses only when none of the tickers has any data.
 */
export async function buildReport(deps: ReportBuildDeps, request: ReportRequest): Promise<BuiltReport> {
  const { repos } = deps;
  if (request.tickers.length === 0) throw new UserError('no_tickers', 'a report needs at least one ticker (--tickers, or TICKCAST_TICKERS)');
  const reportDate = request.date ?? (await newestSession(repos, request.tickers));
  const [versions, previous] = await Promise.all([repos.models.list(), repos.reports.latest()]);
  const champion = versions.find((v) => v.aliases.includes('champion')) ?? null;
  const now = deps.now();
  const since = previous?.createdAt ?? new Date(now.getTime() - FIRST_REPORT_LOOKBACK_MS);
  const [alerts, history] = await Promise.all([repos.alerts.events({ since, limit: 500 }), repos.models.history()]);
  const moves = history.filter((m) => m.at >= since).sort((a, b) => a.at.getTime() - b.at.getTime());

  const tickers: TickerReport[] = [];
  for (const ticker of request.tickers) {
    tickers.push(await tickerReport(deps, ticker, reportDate, champion, alerts.filter((e) => e.ticker === ticker)));
  }
  if (tickers.every((t) => t.data.status === 'no_data')) {
    throw new UserError('no_report_data', `none of ${request.tickers.join(', ')} has daily bars on or before ${reportDate}; load them with \`tickcast ingest\``);
  }

  const facts = reportFacts(reportDate, tickers, moves, champion?.version ?? null);
  const narrative = await deps.narrative.write(facts);
  const watchlist = tickers.map(watchlistLine);
  const overview = overviewSection(tickers, watchlist);
  const lookBack = inSampleNote(tickers, champion);
  if (lookBack) overview.cells.push(lookBack);
  return {
    document: {
      title: REPORT_TITLE,
      reportDate,
      tickers: [...request.tickers],
      facts,
      narrative,
      watchlist,
      sections: [overview, ...tickers.map((t) => tickerSection(t, reportDate)), activitySection(alerts, moves, since)],
      provenance: {
        generatedAt: now.toISOString(),
        codeVersion: deps.codeVersion,
        dataSnapshot: tickers.map((t) => t.data.snapshot),
        modelVersions: modelVersions(tickers, versions),
        narrative: { source: narrative.source, model: narrative.model, droppedSentences: narrative.droppedSentences, fallbackReason: narrative.fallbackReason },
      },
    },
    championId: champion?.id ?? null,
  };
}

async function newestSession(repos: Repos, tickers: readonly string[]): Promise<string> {
  const lasts = await Promise.all(tickers.map((t) => repos.prices.lastBarTime(t, '1d')));
  const newest = lasts.filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
  if (!newest) throw new UserError('no_report_data', `none of ${tickers.join(', ')} has daily bars; load them with \`tickcast ingest\``);
  return day(newest);
}

async function tickerReport(deps: ReportBuildDeps, ticker: string, reportDate: string, champion: ModelVersionInfo | null, alerts: TickerReport['alerts']): Promise<TickerReport> {
  const data = await loadTickerData(deps.repos, ticker, reportDate);
  const report: TickerReport = { data, forecast: null, forecastError: null, skillRows: [], drift: null, calibration: null, alerts };
  if (data.status !== 'ok' || !data.asOf) return report;
  try {
    report.forecast = await deps.forecast(ticker, MAX_HORIZON, data.asOf);
  } catch (err) {
    // One ticker's forecast failing (too little history, a model that refuses it) must not cost the others theirs.
    report.forecastError = oneLine(err);
    return report;
  }
  if (champion && report.forecast.modelVersion === champion.version) {
    report.skillRows = skillRows(champion, ticker);
    [report.drift, report.calibration] = await monitoring(deps.repos, champion.version, ticker);
  }
  return report;
}

/** The champion's rows for the ticker, or the pooled ones when the ticker has too few forecasts of its own. */
function skillRows(champion: ModelVersionInfo, ticker: string) {
  const rows = (champion.metrics?.rows ?? []).filter((r) => SKILL_MODELS.has(r.model) && SKILL_HORIZONS.has(r.horizon));
  const own = rows.filter((r) => r.ticker === ticker);
  const ownModel = own.find((r) => r.model === 'lstm' && r.horizon === 1);
  return ownModel && ownModel.n >= OWN_SKILL_MINIMUM_N ? own : rows.filter((r) => r.ticker === 'ALL');
}

async function monitoring(repos: Repos, version: string, ticker: string): Promise<[DriftStatus | null, CalibrationStatus | null]> {
  const [drift, calibration] = await Promise.all([
    repos.signals.latest(version, { kind: 'drift', ticker, limit: 1 }),
    repos.signals.latest(version, { kind: 'calibration', ticker, limit: 1 }),
  ]);
  const d = drift[0];
  const c = calibration[0];
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const worst = d?.value.worst as { input?: unknown; psi?: unknown; level?: unknown } | null | undefined;
  return [
    d ? { asOf: d.asOf, level: typeof worst?.level === 'string' ? worst.level : null, worst: worst && typeof worst.input === 'string' ? { input: worst.input, psi: num(worst.psi) } : null, window: num(d.value.window), against: typeof d.value.against === 'string' ? d.value.against : null } : null,
    c ? { asOf: c.asOf, n: num(c.value.n) ?? 0, pending: num(c.value.pending) ?? 0, coverage80: num(c.value.coverage80), coverage95: num(c.value.coverage95), consistent80: typeof c.value.consistent80 === 'boolean' ? c.value.consistent80 : null } : null,
  ];
}

function modelVersions(tickers: readonly TickerReport[], versions: readonly ModelVersionInfo[]) {
  const names = [...new Set(tickers.flatMap((t) => (t.forecast ? [t.forecast.modelVersion] : [])))];
  return names.map((version) => {
    const info = versions.find((v) => v.version === version);
    return { version, trainedThrough: info ? day(info.trainTo) : null };
  });
}

/** A report for a past date made with a model trained past it: its forecasts are in-sample, and it says so. */
function inSampleNote(tickers: readonly TickerReport[], champion: ModelVersionInfo | null) {
  if (!champion) return null;
  const trainedThrough = day(champion.trainTo);
  const early = tickers.filter((t) => t.forecast?.modelVersion === champion.version && t.forecast.asOf <= trainedThrough).map((t) => t.data.ticker);
  if (early.length === 0) return null;
  return note('warn', `Look-back: model ${champion.version} was trained on data through ${trainedThrough}, so its forecasts for ${early.join(', ')} are in-sample, not a test of skill.`);
}

