import type { Bar, Interval } from '../../../core/bars.ts';
import { sessionDate } from '../../../core/bars.ts';
import type { Finding, FindingKind } from '../../../core/quality.ts';
import { runQualityGate } from '../../../pipeline/quality/runQualityGate.ts';
import { openOfSessionAfter } from './syntheticBars.ts';

/** The gate on synthetic daily bars, judged the morning after the last one unless `now` says otherwise. */
export function gateDaily(bars: readonly Bar[], now = openOfSessionAfter(bars)): Finding[] {
  return runQualityGate('TEST', '1d', bars, { now });
}

export function gateIntraday(interval: Interval, bars: readonly Bar[], now: Date): Finding[] {
  return runQualityGate('TEST', interval, bars, { now });
}

/** `kind@date/severity` per finding: compact enough to compare whole gate outputs with toEqual. */
export function summary(findings: readonly Finding[]): string[] {
  return findings.map((finding) => `${finding.kind}@${finding.ts === null ? 'series' : sessionDate(finding.ts)}/${finding.severity}`);
}

export function ofKind(findings: readonly Finding[], kind: FindingKind): Finding[] {
  return findings.filter((finding) => finding.kind === kind);
}
