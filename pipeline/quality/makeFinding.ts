import type { Interval } from '../../core/bars.ts';
import type { Finding, FindingKind, Severity } from '../../core/quality.ts';

/** Which series a check is looking at; every finding carries it. */
export interface SeriesContext {
  ticker: string;
  interval: Interval;
}

export function makeFinding(
  series: SeriesContext,
  ts: Date | null,
  kind: FindingKind,
  severity: Severity,
  detail: string,
  data?: Record<string, unknown>,
): Finding {
  const finding: Finding = { ticker: series.ticker, interval: series.interval, ts, kind, severity, detail };
  if (data !== undefined) finding.data = data;
  return finding;
}
