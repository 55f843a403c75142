import type { TopLevelSpec } from 'vega-lite';
import { UserError } from '../core/errors.ts';
import { formatPrice, signedPercent } from '../render/wording.ts';
import { CHART_FRAME, PALETTE, PRICE_Y, dateX, recentCloses, type ClosePoint } from './chartStyle.ts';

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
  const x = dateX(first.date, last.date);
  const y = { ...PRICE_Y, field: 'close' } as const;
  const lastRow = [{ date: last.date, close: last.close, label: formatPrice(last.close) }];

  return {
    ...CHART_FRAME,
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
