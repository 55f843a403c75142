import type { Interval } from '../../core/bars.ts';
import { isTickcastError, oneLine } from '../../core/errors.ts';
import type { Store } from '../../core/ports.ts';
import type { Finding, Severity } from '../../core/quality.ts';
import type { BarSource, SourceBatch } from '../../core/sources.ts';
import { blockingReason, runQualityGate } from '../quality/index.ts';
import { barsChecksum } from './barsChecksum.ts';

export interface SeriesRequest {
  ticker: string;
  interval: Interval;
  from?: Date;
  to?: Date;
  /** Fetch only from the newest stored bar on (it is fetched again: the last session may have been revised). */
  incremental?: boolean;
}

/** What one series' ingestion did; the JSON of `tickcast ingest` is a list of these. */
export interface SeriesOutcome {
  ticker: string;
  interval: Interval;
  source: string;
  status: 'succeeded' | 'failed';
  runId: number;
  added: number;
  updated: number;
  unchanged: number;
  /** Bars the source delivered for this run. */
  rows: number;
  /** Checksum of the delivered bars: the data snapshot reports and models cite. */
  snapshot: string | null;
  findings: Record<Severity, number>;
  publishable: boolean | null;
  unpublishableReason: string | null;
  error: { code: string; message: string } | null;
}

const NO_FINDINGS: Record<Severity, number> = { info: 0, warning: 0, blocking: 0 };

/**
 * Fetch one series, then in ONE transaction: record the run, write the bars, run the quality gate over the whole
 * stored series and replace its findings. Any failure leaves no bars, findings or run of it behind except a
 * `failed` run row that says why; it never throws for the source's or the data's sake.
 */
export async function ingestSeries(source: BarSource, request: SeriesRequest, store: Store, now: Date): Promise<SeriesOutcome> {
  const base = { ticker: request.ticker, interval: request.interval };
  let batch: SourceBatch;
  try {
    const from = request.incremental && !request.from ? await store.prices.lastBarTime(request.ticker, request.interval) : request.from;
    batch = await source.fetch({ ...base, ...(from ? { from } : {}), ...(request.to ? { to: request.to } : {}) });
  } catch (err) {
    return recordFailure(store, { ...base, source: source.name }, err);
  }
  try {
    return await store.transaction(async (repos) => {
      const runId = await repos.runs.start({ ...base, source: batch.source });
      await repos.prices.ensureInstrument(batch.instrument);
      const counts = await repos.prices.upsertBars(batch.ticker, batch.interval, batch.bars, runId);
      const series = await repos.prices.listBars(batch.ticker, batch.interval);
      const findings = [...batch.dropped, ...runQualityGate(batch.ticker, batch.interval, series, { now })];
      const reason = blockingReason(findings);
      await repos.quality.replaceFindings(batch.ticker, batch.interval, runId, findings, reason);
      const snapshot = barsChecksum(batch.bars);
      await repos.runs.succeed(runId, {
        rangeFrom: batch.bars[0]?.ts ?? null,
        rangeTo: batch.bars.at(-1)?.ts ?? null,
        rowsRead: batch.bars.length,
        rowsAdded: counts.added,
        rowsUpdated: counts.updated,
        checksum: snapshot,
      });
      return {
        ...base, source: batch.source, status: 'succeeded', runId, ...counts, rows: batch.bars.length, snapshot,
        findings: countBySeverity(findings), publishable: reason === null, unpublishableReason: reason, error: null,
      } satisfies SeriesOutcome;
    });
  } catch (err) {
    return recordFailure(store, { ...base, source: batch.source }, err);
  }
}

async function recordFailure(store: Store, run: { ticker: string; interval: Interval; source: string }, err: unknown): Promise<SeriesOutcome> {
  const error = { code: isTickcastError(err) ? err.code : 'internal_error', message: oneLine(err) };
  const runId = await store.runs.start(run);
  await store.runs.fail(runId, error.message);
  return {
    ...run, status: 'failed', runId, added: 0, updated: 0, unchanged: 0, rows: 0, snapshot: null,
    findings: { ...NO_FINDINGS }, publishable: null, unpublishableReason: null, error,
  };
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = { ...NO_FINDINGS };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
