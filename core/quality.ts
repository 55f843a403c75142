import type { Interval } from './bars.ts';

/** What the quality gate can find. DESIGN.md's contract names these; new kinds may be added, never renamed. */
export const FINDING_KINDS = [
  'missing_session', 'missing_bar', 'duplicate', 'out_of_order', 'bad_value', 'high_below_low', 'outside_range',
  'placeholder_bar', 'stale_bar', 'outlier_return', 'adj_divergence', 'stale_series', 'non_session_bar',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** `blocking` makes the ticker unpublishable until fixed; `warning` is shown beside its numbers; `info` is kept for the record. */
export type Severity = 'info' | 'warning' | 'blocking';

export interface Finding {
  ticker: string;
  interval: Interval;
  /** The bar or session concerned; null for whole-series findings (staleness). */
  ts: Date | null;
  kind: FindingKind;
  severity: Severity;
  /** One sentence a person can act on, e.g. "placeholder bar: O=H=L=C=2.67 (previous close), volume 0". */
  detail: string;
  data?: Record<string, unknown>;
}
