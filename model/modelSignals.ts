import type { Driver } from '../core/forecast.ts';
import type { InputReference, ModelSignal, StoredForecast } from '../core/model.ts';
import { ANOMALY_SCORE_FLAG, ANOMALY_WINDOW, anomalyScores, driftLevel, liveCalibration, populationStabilityIndex, type CalibrationRecord } from './monitoring/index.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import type { SeriesFrame } from './seriesFrame.ts';

/**
 * Sessions of recent inputs compared with the training distribution. Long enough that sampling noise alone stays
 * under the "watch" level (the PSI of n draws from the reference itself is about (bins − 1) / n ≈ 0.075).
 */
export const DRIFT_WINDOW = 120;

/**
 * PSI of each input over the `DRIFT_WINDOW` sessions up to `origin` against the training deciles of the same
 * ticker (a ticker's own inputs sit in a narrow part of the pooled range), or the pooled ones for a ticker the
 * model was not trained on.
 */
export function driftSignal(frame: SeriesFrame, origin: number, references: readonly InputReference[]): ModelSignal {
  const width = MODEL_INPUTS.length;
  const start = Math.max(0, origin - DRIFT_WINDOW + 1);
  const own = references.filter((ref) => ref.ticker === frame.ticker);
  const reference = own.length > 0 ? own : references.filter((ref) => ref.ticker == null);
  const inputs = reference.map((ref) => {
    const k = MODEL_INPUTS.indexOf(ref.input as (typeof MODEL_INPUTS)[number]);
    const values: number[] = [];
    for (let i = start; i <= origin && k >= 0; i++) if (frame.defined[i]) values.push(frame.inputs[i * width + k]!);
    const psi = populationStabilityIndex(ref, values);
    return { input: ref.input, psi, level: psi == null ? null : driftLevel(psi) };
  });
  const worst = inputs.reduce<(typeof inputs)[number] | null>((top, entry) => (entry.psi != null && (top?.psi == null || entry.psi > top.psi) ? entry : top), null);
  const against = own.length > 0 ? 'own training rows' : 'pooled training rows';
  return { kind: 'drift', ticker: frame.ticker, asOf: frame.dates[origin]!, value: { window: DRIFT_WINDOW, against, worst, inputs } };
}

/** How unusual the origin bar is (robust z of its return and log volume against the trailing window). */
export function anomalySignal(frame: SeriesFrame, origin: number): ModelSignal {
  const start = Math.max(0, origin - ANOMALY_WINDOW - 1);
  const logReturns: number[] = [];
  const volumes: number[] = [];
  for (let i = start + 1; i <= origin; i++) {
    logReturns.push(frame.real[i] && frame.real[i - 1] ? frame.logPrice[i]! - frame.logPrice[i - 1]! : Number.NaN);
    volumes.push(frame.real[i] ? frame.volume[i]! : Number.NaN);
  }
  const score = anomalyScores(logReturns, volumes, Math.min(ANOMALY_WINDOW, Math.max(2, logReturns.length - 1))).at(-1) ?? null;
  return { kind: 'anomaly', ticker: frame.ticker, asOf: frame.dates[origin]!, value: { ...(score ?? { score: null }), flagged: (score?.score ?? 0) >= ANOMALY_SCORE_FLAG } };
}

export function importanceSignal(frame: SeriesFrame, origin: number, drivers: readonly Driver[]): ModelSignal {
  return { kind: 'importance', ticker: frame.ticker, asOf: frame.dates[origin]!, value: { drivers } };
}

/** Share of realised closes inside the 80% / 95% bands of the version's stored forecasts for this ticker. */
export function calibrationSignal(frame: SeriesFrame, origin: number, forecasts: readonly StoredForecast[]): ModelSignal {
  const closeByDate = new Map<string, number>();
  for (let i = 0; i <= origin; i++) if (frame.real[i]) closeByDate.set(frame.dates[i]!, frame.close[i]!);
  const records: CalibrationRecord[] = forecasts.flatMap((forecast) =>
    forecast.points.map((point) => ({ ...point, actual: closeByDate.get(point.date) ?? null })),
  );
  return { kind: 'calibration', ticker: frame.ticker, asOf: frame.dates[origin]!, value: { forecasts: forecasts.length, ...liveCalibration(records) } };
}
