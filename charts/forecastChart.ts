import type { TopLevelSpec } from 'vega-lite';
import type { Forecast } from '../core/forecast.ts';
import { forecastFan } from './forecastFan.ts';
import { forecastTitle, formatPrice, skillLine } from '../render/wording.ts';
import {
  CHART_FRAME, HISTORY_SESSIONS, PALETTE, PRICE_Y, SUBTITLE_WIDTH, dateX, recentCloses, seriesLegend, type ClosePoint,
} from './chartStyle.ts';
import { wrapText } from './textWidth.ts';

const SERIES = ['Close', 'Median forecast', '80% interval', '95% interval'] as const;
/** Lines as strokes (the median dashed, like the chart), bands as filled squares. */
const SERIES_LEGEND = seriesLegend(['Close'], { dashed: ['Median forecast'] });

/**
 * The forecast as a fan chart: the recent closes as a line, then the 95% and 80% bands and the dashed median,
 * all starting from the last close so the fan grows out of the history. Closes that are not finite are left out;
 * an empty history still draws the fan. A forecast with no points or non-finite numbers is refused (a bug upstream).
 */
export function forecastChartSpec(forecast: Forecast, history: ClosePoint[]): TopLevelSpec {
  const fan = forecastFan(forecast);
  const closes = recentCloses(history.filter((p) => p.date < forecast.asOf), HISTORY_SESSIONS - 1);
  closes.push({ date: forecast.asOf, close: forecast.lastClose });
  const end = fan[fan.length - 1]!;
  const x = dateX(closes[0]!.date, end.date);
  const y = PRICE_Y;
  const color = { scale: { domain: [...SERIES], range: [PALETTE.close, PALETTE.median, PALETTE.band80, PALETTE.band95] }, legend: SERIES_LEGEND };

  return {
    ...CHART_FRAME,
    title: { text: `${forecastTitle(forecast)} from ${forecast.asOf} · model ${forecast.modelVersion}`, subtitle: wrapText(skillLine(forecast, { short: true }), SUBTITLE_WIDTH, 12, 2) },
    layer: [
      {
        data: { values: fan },
        mark: { type: 'area', interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'p025' }, y2: { field: 'p975' }, color: { ...color, datum: '95% interval' } },
      },
      {
        data: { values: fan },
        mark: { type: 'area', interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'p10' }, y2: { field: 'p90' }, color: { ...color, datum: '80% interval' } },
      },
      {
        data: { values: [{ date: forecast.asOf }] },
        mark: { type: 'rule', strokeDash: [2, 3], color: PALETTE.axis, strokeWidth: 1 },
        encoding: { x },
      },
      {
        data: { values: closes },
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: { x, y: { ...y, field: 'close' }, color: { ...color, datum: 'Close' } },
      },
      {
        data: { values: fan },
        mark: { type: 'line', strokeWidth: 2.5, strokeDash: [6, 4] },
        encoding: { x, y: { ...y, field: 'p50' }, color: { ...color, datum: 'Median forecast' } },
      },
      {
        data: { values: [{ date: forecast.asOf, close: forecast.lastClose }] },
        mark: { type: 'point', filled: true, size: 60, color: PALETTE.marker, opacity: 1 },
        encoding: { x, y: { ...y, field: 'close' } },
      },
      // The median's and the 95% band's last values, right of the fan.
      ...([[end.p50, PALETTE.median, 'bold'], [end.p975, PALETTE.muted, 'normal'], [end.p025, PALETTE.muted, 'normal']] as const).map(([value, color, fontWeight]) => ({
        data: { values: [{ date: end.date, value, label: formatPrice(value) }] },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 12, fontWeight, color },
        encoding: { x, y: { ...y, field: 'value' }, text: { field: 'label' } },
      }) as const),
    ],
  } satisfies TopLevelSpec;
}
