import type { ReportCell, ReportSection } from '../core/reports.ts';
import type { EvaluationRow } from '../core/model.ts';
import { tickerPanelsSpec } from '../charts/tickerPanels.ts';
import {
  NAIVE_LABEL, day, fixed, formatPrice, percent, plural, priceRange, signedPercent, skillLine, skillRatio,
} from '../render/wording.ts';
import { chart, markdown, metrics, note, table, toneOf } from './cells.ts';
import type { TickerReport } from './tickerReport.ts';

/** Findings listed per ticker; the rest are counted. */
const MAX_FINDINGS = 8;
/** What each model in a walk-forward table is called. */
const MODEL_LABELS: Record<string, string> = { lstm: 'model (LSTM)', naive: `${NAIVE_LABEL} (naive)`, drift: 'drift', sma: 'SMA(20)', mean: 'mean' };

/**
 * One ticker's part of the notebook: the figures, the price/RSI/MACD chart with the forecast band, how far to trust
 * it (walk-forward against naive, live calibration, drift), data-quality notes and the forecast's drivers. A ticker
 * without data, or one the quality gate blocks, gets a note saying why instead of a chart of bad data.
 */
export function tickerSection(report: TickerReport, reportDate: string): ReportSection {
  const { data } = report;
  const section = (cells: ReportCell[]): ReportSection => ({ id: `ticker-${data.ticker}`, title: data.ticker, cells });
  if (data.status === 'no_data') {
    return section([note('warn', `No daily bars for ${data.ticker} on or before ${reportDate}. Load them with \`tickcast ingest ${data.ticker}\`.`)]);
  }
  if (data.status === 'unpublishable') {
    return section([
      note('warn', `${data.ticker} is not published in this report: ${data.reason?.replace(/\.+$/, '')}. No chart or forecast is drawn from data that failed the quality gate; \`tickcast quality ${data.ticker}\` lists the findings.`),
      ...findingsCells(report),
    ]);
  }
  const { forecast } = report;
  const cells: ReportCell[] = [figures(report)];
  if (data.asOf && data.asOf < reportDate) cells.push(note('warn', `The last close is from ${data.asOf}, before the report date ${reportDate}: the figures below are as of then.`));
  cells.push(chart(`chart-${data.ticker}`, `${data.ticker}: close with SMA 50/200${forecast ? ` and the ${forecast.horizon}-session forecast` : ''}; RSI(14); MACD(12, 26, 9)`, tickerPanelsSpec(data.ticker, data.indicators, forecast), alt(report)));
  if (forecast) {
    cells.push(markdown(`**${forecast.edge ? 'The model' : 'No edge'}.** ${skillLine(forecast)}`));
    cells.push(table(`${forecast.horizon}-session forecast from ${forecast.asOf} (model ${forecast.modelVersion})`, ['session', 'median:r', 'change:r', '80% interval:r', '95% interval:r'],
      forecast.points.map((p) => [p.date, formatPrice(p.p50), signedPercent(p.p50 / forecast.lastClose - 1), priceRange(p.p10, p.p90), priceRange(p.p025, p.p975)])));
  } else {
    cells.push(note('warn', `No forecast for ${data.ticker}: ${report.forecastError ?? 'unknown reason'}.`));
  }
  cells.push(...skillCells(report), ...monitoringCells(report), ...findingsCells(report), ...driverCells(report));
  return section(cells);
}

function figures(report: TickerReport): ReportCell {
  const { data, forecast } = report;
  const end = forecast?.points.at(-1);
  return metrics([
    { label: 'Last close', value: formatPrice(data.lastClose ?? Number.NaN), detail: data.asOf ?? undefined },
    { label: '1-day change', value: signedPercent(data.change1d), tone: toneOf(data.change1d) },
    { label: '5-day change', value: signedPercent(data.change5d), tone: toneOf(data.change5d) },
    ...(forecast && end
      ? [
          { label: `${forecast.horizon}-session median`, value: formatPrice(end.p50), detail: `${signedPercent(end.p50 / forecast.lastClose - 1)} by ${end.date}`, tone: toneOf(end.p50 / forecast.lastClose - 1) },
          { label: '80% interval', value: priceRange(end.p10, end.p90), detail: forecast.edge ? `model ${forecast.modelVersion}` : 'random walk + volatility', tone: forecast.edge ? 'neutral' as const : 'warn' as const },
        ]
      : []),
  ]);
}

function alt(report: TickerReport): string {
  const { data, forecast } = report;
  const end = forecast?.points.at(-1);
  const fan = forecast && end ? `, then the ${forecast.horizon}-session forecast: median ${formatPrice(end.p50)}, 80% interval ${priceRange(end.p10, end.p90)}` : '';
  return `${data.ticker} closes over the last ${data.indicators.length} sessions up to ${formatPrice(data.lastClose ?? Number.NaN)} on ${data.asOf}${fan}; RSI and MACD panels below.`;
}

/** The champion's walk-forward figures beside the baselines, one and five sessions ahead. */
function skillCells(report: TickerReport): ReportCell[] {
  const rows = report.skillRows;
  if (rows.length === 0) return [note('info', 'No walk-forward figures: no model has passed the promotion gate yet, so the forecast is the random walk\'s.')];
  const pooled = rows[0]!.ticker === 'ALL';
  const horizons = [...new Set(rows.map((r) => r.horizon))].sort((a, b) => a - b);
  const body = horizons.flatMap((h) => rows.filter((r) => r.horizon === h).sort(modelOrder).map((r) => skillRow(r)));
  const scope = pooled ? `pooled over all tickers (${report.data.ticker} has too few forecasts of its own)` : report.data.ticker;
  return [table(`Walk-forward skill against naive, ${scope}`, ['model', 'sessions ahead:r', 'MASE:r', 'RMSE:r', 'direction:r', '80% held:r', '95% held:r', 'n:r'], body,
    'MASE below 1 beats "tomorrow = today"; the intervals should hold about 80% and 95% of closes.')];
}

function skillRow(row: EvaluationRow): string[] {
  return [MODEL_LABELS[row.model] ?? row.model, String(row.horizon), skillRatio(row.mase), fixed(row.rmse, 4), percent(row.hitRate), percent(row.coverage80), percent(row.coverage95), String(row.n)];
}

function modelOrder(a: EvaluationRow, b: EvaluationRow): number {
  const order = Object.keys(MODEL_LABELS);
  return order.indexOf(a.model) - order.indexOf(b.model);
}

function monitoringCells(report: TickerReport): ReportCell[] {
  const { drift, calibration } = report;
  if (!drift && !calibration) return [];
  const rows: string[][] = [];
  if (calibration) {
    const held = calibration.n > 0 ? `80% held ${percent(calibration.coverage80)}, 95% held ${percent(calibration.coverage95)} of ${calibration.n} realised closes` : 'no realised closes yet';
    const verdict = calibration.consistent80 === null ? 'waiting for closes' : calibration.consistent80 ? 'consistent with 80%' : 'off: intervals too narrow or too wide';
    rows.push(['live calibration', `${held}; ${plural(calibration.pending, 'close')} pending`, verdict]);
  }
  if (drift) {
    const worst = drift.worst ? `worst input ${drift.worst.input}, PSI ${fixed(drift.worst.psi, 3)}` : 'no input measured';
    rows.push(['input drift', `${worst} over ${drift.window ?? '?'} sessions against ${drift.against ?? 'training rows'}`, drift.level ?? 'n/a']);
  }
  return [table('Calibration and drift', ['check', 'figures', 'status'], rows)];
}

function findingsCells(report: TickerReport): ReportCell[] {
  const { findings } = report.data;
  if (findings.length === 0) return [note('info', 'Data quality: the gate found nothing to warn about in the daily series.')];
  const shown = findings.slice(0, MAX_FINDINGS).map((f) => [f.ts ? day(f.ts) : 'series', f.severity, f.kind.replaceAll('_', ' '), f.detail]);
  const more = findings.length > MAX_FINDINGS ? `${findings.length - MAX_FINDINGS} more; \`tickcast quality ${report.data.ticker}\` lists them all.` : undefined;
  return [table('Data-quality notes', ['session', 'severity', 'finding', 'detail'], shown, more)];
}

function driverCells(report: TickerReport): ReportCell[] {
  const drivers = report.forecast?.drivers ?? [];
  if (drivers.length === 0) return [];
  return [table('Top drivers of the forecast', ['input', 'importance:r'], drivers.map((d) => [d.input, fixed(d.importance, 4)]),
    'How much the one-session median moves when the input is scrambled over the window.')];
}
