import type { Repos, StoredFinding } from '../core/ports.ts';
import type { TickerStatus } from '../core/reports.ts';
import type { IndicatorPoint } from '../charts/tickerPanels.ts';
import { computeFeatures } from '../pipeline/features/index.ts';

/** Sessions of indicators a report charts: about six months. */
const REPORT_HISTORY_SESSIONS = 120;

export interface DataSnapshot {
  ticker: string;
  runId: number | null;
  checksum: string | null;
  lastBar: string | null;
}

/** What the database holds for one ticker up to the report date, prepared for its section. */
export interface TickerData {
  ticker: string;
  status: Exclude<TickerStatus, 'no_forecast'>;
  reason: string | null;
  /** The last session with a close on or before the report date. */
  asOf: string | null;
  lastClose: number | null;
  /** Relative changes over one and five sessions (0.012 is +1.2%). */
  change1d: number | null;
  change5d: number | null;
  indicators: IndicatorPoint[];
  /** The quality gate's warnings and blocking findings for the daily series, newest first. */
  findings: StoredFinding[];
  snapshot: DataSnapshot;
}

/**
 * One ticker's bars up to `reportDate` (`YYYY-MM-DD`) with the indicators the report charts, computed over the
 * whole stored history so they equal what the pipeline computes (EMAs depend on where they start). A ticker the
 * quality gate marks unpublishable keeps its status and reason, and nothing is charted from it.
 */
export async function loadTickerData(repos: Repos, ticker: string, reportDate: string): Promise<TickerData> {
  const [bars, findings, run, publishability] = await Promise.all([
    repos.prices.listBars(ticker, '1d', { to: new Date(`${reportDate}T23:59:59.999Z`) }),
    repos.quality.listFindings({ ticker, interval: '1d' }),
    repos.runs.latestSucceeded(ticker, '1d'),
    repos.quality.publishability(ticker),
  ]);
  const rows = computeFeatures(bars).filter((row) => Number.isFinite(row.close));
  const last = rows.at(-1);
  const snapshot: DataSnapshot = { ticker, runId: run?.id ?? null, checksum: run?.checksum ?? null, lastBar: last?.date ?? null };
  const notable = findings.filter((f) => f.severity !== 'info').sort((a, b) => (b.ts?.getTime() ?? Infinity) - (a.ts?.getTime() ?? Infinity));
  const base = { ticker, findings: notable, snapshot };
  if (!last) {
    return { ...base, status: 'no_data', reason: `no daily bars for ${ticker} on or before ${reportDate}`, asOf: null, lastClose: null, change1d: null, change5d: null, indicators: [] };
  }
  const gate = publishability[0];
  const change = (back: number) => {
    const earlier = rows[rows.length - 1 - back];
    return earlier && earlier.close !== 0 ? last.close / earlier.close - 1 : null;
  };
  return {
    ...base,
    status: gate && !gate.publishable ? 'unpublishable' : 'ok',
    reason: gate && !gate.publishable ? (gate.reason ?? 'the quality gate marks the series unpublishable') : null,
    asOf: last.date,
    lastClose: last.close,
    change1d: change(1),
    change5d: change(5),
    indicators: rows.slice(-REPORT_HISTORY_SESSIONS).map((row) => ({
      date: row.date,
      close: row.close,
      sma50: row.sma_50,
      sma200: row.sma_200,
      rsi14: row.rsi_14,
      macd: row.macd,
      macdSignal: row.macd_signal,
      macdHist: row.macd_hist,
    })),
  };
}
