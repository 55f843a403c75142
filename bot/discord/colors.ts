import type { EvaluationRow } from '../../core/model.ts';
import type { Forecast } from '../../core/forecast.ts';
import { formatPrice } from '../../charts/chartStyle.ts';

/** Small wording helpers the Discord renderers share. */

export const COLORS = {
  info: 0x1d4ed8,
  ok: 0x16a34a,
  warning: 0xd97706,
  error: 0xdc2626,
  neutral: 0x475569,
} as const;

export { formatPrice };

/** A relative change as a signed percentage: 0.0123 → `+1.2%`. */
export function signedPercent(change: number | null, digits = 1): string {
  if (change === null || !Number.isFinite(change)) return 'n/a';
  const rounded = (change * 100).toFixed(digits);
  return `${change >= 0 && !rounded.startsWith('-') ? '+' : ''}${rounded}%`;
}

/** A share as a whole percentage: 0.794 → `79%`. */
export function percent(share: number | null): string {
  return share === null || !Number.isFinite(share) ? 'n/a' : `${Math.round(share * 100)}%`;
}

export function fixed(value: number | null, digits = 2): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** One walk-forward row in a line: the figures that decide whether a model beats "tomorrow = today". */
export function evaluationLine(row: EvaluationRow | null): string {
  if (!row) return 'no walk-forward figures';
  return [
    `MASE ${fixed(row.mase)}`,
    `U2 ${fixed(row.u2)}`,
    `direction ${percent(row.hitRate)} [${percent(row.hitRateLow)}–${percent(row.hitRateHigh)}]`,
    `coverage 80% ${percent(row.coverage80)}, 95% ${percent(row.coverage95)}`,
    `n=${row.n}`,
  ].join(' · ');
}

/**
 * Whether the answer is the model's, in one line. Without an edge the reader must know the interval is the random
 * walk's, and why the model was set aside.
 */
export function skillLine(forecast: Forecast): string {
  if (!forecast.edge) {
    return `No edge over tomorrow = today lately: showing the random-walk interval. ${forecast.edgeReason}`.trim();
  }
  const s = forecast.skill;
  return [
    `Edge over tomorrow = today: MASE ${fixed(s.mase)} (below 1 beats it)`,
    `direction ${percent(s.hitRate)} [${percent(s.hitRateLow)}–${percent(s.hitRateHigh)}]`,
    `80% interval held ${percent(s.coverage80)}, 95% held ${percent(s.coverage95)}`,
    `n=${s.n}, ${s.window}`,
  ].join(' · ');
}

/** The forecast as a fixed-width table: date, median with its change from the last close, 80% and 95% intervals. */
export function forecastTable(forecast: Forecast): string {
  const rows = forecast.points.map((p) => [
    p.date,
    formatPrice(p.p50),
    signedPercent(p.p50 / forecast.lastClose - 1),
    `${formatPrice(p.p10)}–${formatPrice(p.p90)}`,
    `${formatPrice(p.p025)}–${formatPrice(p.p975)}`,
  ]);
  const header = ['date', 'median', 'chg', '80%', '95%'];
  const widths = header.map((h, col) => Math.max(h.length, ...rows.map((r) => r[col]!.length)));
  const line = (cells: string[]) => cells.map((cell, col) => (col === 1 || col === 2 ? cell.padStart(widths[col]!) : cell.padEnd(widths[col]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
