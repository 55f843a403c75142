import type { AlertEvent } from '../core/alerts.ts';
import type { Forecast } from '../core/forecast.ts';
import type { EvaluationRow } from '../core/model.ts';
import type { TickerData } from './tickerData.ts';

/** The worst input drift of the latest forecast, as the forecast service recorded it. */
export interface DriftStatus {
  asOf: string;
  level: string | null;
  worst: { input: string; psi: number | null } | null;
  window: number | null;
  against: string | null;
}

/** Live coverage of the version's stored forecasts for the ticker, as the forecast service recorded it. */
export interface CalibrationStatus {
  asOf: string;
  n: number;
  pending: number;
  coverage80: number | null;
  coverage95: number | null;
  consistent80: boolean | null;
}

/** Everything one ticker's section is built from. */
export interface TickerReport {
  data: TickerData;
  forecast: Forecast | null;
  /** Why there is no forecast for a ticker whose data is fine (too little history, …). */
  forecastError: string | null;
  /** Walk-forward rows of the champion for this ticker (or pooled, `ALL`, when it has none of its own). */
  skillRows: EvaluationRow[];
  drift: DriftStatus | null;
  calibration: CalibrationStatus | null;
  alerts: AlertEvent[];
}
