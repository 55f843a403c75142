import { describe, expect, it } from 'vitest';
import { PRICE_SESSIONS, priceChartSpec } from '../../charts/priceChart.ts';
import { UserError } from '../../core/errors.ts';
import { realHistory } from './chartFixtures.ts';

const layers = (spec: unknown) => (spec as { layer: { data: { values: Record<string, unknown>[] }; mark: { type: string } }[] }).layer;

describe('priceChartSpec', () => {
  const history = realHistory('MSFT', 300);

  it('draws the recent closes with the last one marked and labelled', () => {
    const spec = priceChartSpec('MSFT', history);
    const [line, marker, label] = layers(spec);
    expect(line!.data.values).toHaveLength(PRICE_SESSIONS);
    const last = history.at(-1)!;
    expect(marker!.mark.type).toBe('point');
    expect(marker!.data.values[0]).toMatchObject({ date: last.date, close: last.close });
    expect(label!.data.values[0]!.label).toBe(last.close.toFixed(2));
    expect(JSON.stringify(spec)).toContain(`Last close ${last.close.toFixed(2)} on ${last.date}`);
  });

  it('refuses a history with nothing to draw, as a user-facing error', () => {
    const nothing = [{ date: '2026-06-12', close: Number.NaN }];
    for (const history of [[], nothing]) {
      let error: unknown;
      try {
        priceChartSpec('MSFT', history);
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(UserError);
      expect(error).toMatchObject({ code: 'no_price_history', message: 'no closes to chart for MSFT' });
    }
  });
});
