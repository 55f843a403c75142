import type { TopLevelSpec } from 'vega-lite';
import { UserError } from '../core/errors.ts';
import { CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH, PALETTE, dateAxis, endPadding, formatPrice, recentCloses, sessionTime, type ClosePoint } from './chartStyle.ts';

/** The price chart has no forecast to make room for, so it shows about six months. */
export const PRICE_SESSIONS = 120;

/**
 * `price TICKER`: the recent closes as a line with the last close marked and labelled. Closes that are not finite
 * are left out; with none left there is nothing to draw and the chart is refused (`no_price_history`), so a surface
 * answers in text alone.
 */
export function priceChartSpec(ticker: string, history: ClosePoint[]): TopLevelSpec {
  const closes = recentCloses(history, PRICE_SESSIONS);
  const first = closes[0];
  const last = closes[closes.length - 1];
  if (!first || !last) throw new UserError('no_price_history', `no closes to chart for ${ticker}`);
  const [start, stop] = [sessionTime(first.date), sessionTime(last.date)];
  const domain: [number, number] = [start, stop + endPadding(start, stop)];
  const x = { field: 'date', type: 'temporal', title: null, scale: { type: 'utc', domain, nice: false }, axis: dateAxis(first.date, last.date) } as const;
  const y = { field: 'close', type: 'quantitative', title: 'Close', scale: { zero: false, nice: true }, axis: { tickCount: 6 } } as const;
  const lastRow = [{ date: last.date, close: last.close, label: formatPrice(last.close) }];

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    config: CHART_CONFIG,
    title: { text: `${ticker} · close, last ${closes.length} sessions`, subtitle: subtitle(first, last) },
    layer: [
      { data: { values: closes }, mark: { type: 'line', strokeWidth: 2, color: PALETTE.close }, encoding: { x, y } },
      { data: { values: lastRow }, mark: { type: 'point', filled: true, size: 70, color: PALETTE.median, opacity: 1 }, encoding: { x, y } },
      {
        data: { values: lastRow },
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 8, fontSize: 12, fontWeight: 'bold', color: PALETTE.median },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  } satisfies TopLevelSpec;
}

function subtitle(first: ClosePoint, last: ClosePoint): string {
  const change = first.close !== 0 ? ` · ${signedPercent(last.close / first.close - 1)} since ${first.date}` : '';
  return `Last close ${formatPrice(last.close)} on ${last.date}${change}`;
}

function signedPercent(value: number): string {
  const text = `${(Math.abs(value) * 100).toFixed(1)}%`;
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}
