import type { StoredSignal } from '../core/model.ts';

export interface RetrainThresholds {
  /** Input drift: a ticker's worst input PSI at or above this. */
  driftPsi: number;
  /** Live calibration: the 80% interval's observed coverage further than this from 0.80. */
  coverageGap: number;
}

/** Live calibration needs this many realised forecasts before its coverage means anything. */
const MIN_CALIBRATION_N = 20;

/**
 * Why the champion should be retrained, from its newest drift and calibration signals (one line per ticker that
 * crossed a threshold), or an empty list. Signals are what the forecast service records with every forecast.
 */
export function retrainReasons(signals: readonly StoredSignal[], thresholds: RetrainThresholds): string[] {
  const newest = new Map<string, StoredSignal>();
  for (const signal of signals) {
    const key = `${signal.kind}|${signal.ticker ?? ''}`;
    const held = newest.get(key);
    if (!held || held.asOf < signal.asOf) newest.set(key, signal);
  }
  const reasons: string[] = [];
  for (const signal of newest.values()) {
    if (signal.kind === 'drift') {
      const worst = signal.value.worst as { input?: string; psi?: number | null } | null | undefined;
      if (typeof worst?.psi === 'number' && worst.psi >= thresholds.driftPsi) {
        reasons.push(`${signal.ticker}: input drift on ${worst.input ?? 'an input'} (PSI ${worst.psi.toFixed(2)} ≥ ${thresholds.driftPsi}) as of ${signal.asOf}`);
      }
    } else if (signal.kind === 'calibration') {
      const n = Number(signal.value.n ?? 0);
      const coverage = signal.value.coverage80;
      if (n >= MIN_CALIBRATION_N && typeof coverage === 'number' && Math.abs(coverage - 0.8) > thresholds.coverageGap) {
        reasons.push(`${signal.ticker}: 80% intervals covered ${(coverage * 100).toFixed(0)}% of ${n} outcomes as of ${signal.asOf}`);
      }
    }
  }
  return reasons.sort();
}
