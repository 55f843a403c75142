import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Interval } from '../../core/bars.ts';
import { OperationalError, UserError, oneLine } from '../../core/errors.ts';
import type { InstrumentInfo } from '../../core/ports.ts';
import type { BarSource, FetchRequest, SourceBatch } from '../../core/sources.ts';
import { inRange } from './inRange.ts';
import { parseBarsCsv, type ParsedCsv } from './parseBarsCsv.ts';

/** The offline sample: real S&P 500 daily bars 2000-2020 from the npm package vega-datasets (BSD-3). */
export const SAMPLE_SERIES: ReadonlyArray<{ ticker: string; interval: Interval }> = [{ ticker: '^GSPC', interval: '1d' }];
export const SAMPLE_SOURCE = 'sample:sp500-2000';

const SAMPLE_INSTRUMENT: InstrumentInfo = { ticker: '^GSPC', name: 'S&P 500', exchange: 'SNP', currency: 'USD', kind: 'index' };

/** The bundled sample behind the `BarSource` interface, so `--source sample` works with no network at all. */
export function createSampleSource(): BarSource {
  let parsed: Promise<ParsedCsv> | undefined;
  return {
    name: 'sample',
    async fetch(request: FetchRequest): Promise<SourceBatch> {
      if (!SAMPLE_SERIES.some((one) => one.ticker === request.ticker && one.interval === request.interval)) {
        throw new UserError('sample_unknown_series', `the offline sample holds only ^GSPC daily bars (S&P 500, 2000-2020), not ${request.ticker} ${request.interval}; use --source yahoo or --source csv:PATH`);
      }
      // Parsed once per source: the file never changes while the process runs. A failure is not cached.
      parsed ??= readSample().catch((err: unknown) => {
        parsed = undefined;
        throw err;
      });
      const { bars } = await parsed;
      return {
        ticker: '^GSPC',
        interval: '1d',
        source: SAMPLE_SOURCE,
        instrument: { ...SAMPLE_INSTRUMENT },
        bars: inRange(bars, request.from, request.to),
        dropped: [],
      };
    },
  };
}

/** vega-datasets exports only its JS entry, not package.json, so locate the data folder from the entry's path. */
export function sampleCsvPath(): string {
  const entry = createRequire(import.meta.url).resolve('vega-datasets');
  return path.join(path.dirname(entry), '..', 'data', 'sp500-2000.csv');
}

/** A missing or broken bundled file is the installation's fault, not the user's. */
async function readSample(): Promise<ParsedCsv> {
  try {
    const file = sampleCsvPath();
    return parseBarsCsv(await readFile(file, 'utf8'), file);
  } catch (err) {
    throw new OperationalError('sample_missing', `the offline sample (vega-datasets data/sp500-2000.csv) cannot be read: ${oneLine(err)}; run npm install`, { cause: err });
  }
}
