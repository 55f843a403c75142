import type { Bar } from '../../core/bars.ts';
import { buildSeriesFrame, type SeriesFrame } from '../../model/seriesFrame.ts';
import { cleanForModelling } from '../../pipeline/quality/cleanForModelling.ts';
import { runQualityGate } from '../../pipeline/quality/index.ts';
import { readDaily } from './sharedData.ts';

/** A shared ticker's daily bars as the model reads them (gate, clean, frame), optionally cut at a date. */
export function sharedFrame(ticker: string, options: { from?: string; to?: string } = {}): SeriesFrame {
  const bars = readDaily(ticker).filter((bar) => {
    const date = bar.ts.toISOString().slice(0, 10);
    return (!options.from || date >= options.from) && (!options.to || date <= options.to);
  });
  return frameOf(ticker, bars);
}

export function frameOf(ticker: string, bars: readonly Bar[]): SeriesFrame {
  const findings = runQualityGate(ticker, '1d', bars, { now: bars.at(-1)!.ts });
  return buildSeriesFrame(ticker, cleanForModelling(bars, findings));
}
