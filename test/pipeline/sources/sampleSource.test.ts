import { describe, expect, it } from 'vitest';
import { UserError } from '../../../core/errors.ts';
import { SAMPLE_SERIES, createSampleSource } from '../../../pipeline/sources/sampleSource.ts';

describe('sample source', () => {
  it('serves the S&P 500 daily series 2000-2020 from vega-datasets as ^GSPC', async () => {
    const batch = await createSampleSource().fetch({ ticker: '^GSPC', interval: '1d' });
    expect(batch).toMatchObject({ ticker: '^GSPC', interval: '1d', source: 'sample:sp500-2000', dropped: [] });
    expect(batch.instrument).toEqual({ ticker: '^GSPC', name: 'S&P 500', exchange: 'SNP', currency: 'USD', kind: 'index' });
    expect(batch.bars).toHaveLength(5105);
    expect(batch.bars[0]).toEqual({ ts: new Date('2000-01-03T00:00:00Z'), open: 1469.25, high: 1478, low: 1438.359985, close: 1455.219971, adjClose: 1455.219971, volume: 931800000 });
    expect(batch.bars[5104]!.ts).toEqual(new Date('2020-04-17T00:00:00Z'));
    expect(SAMPLE_SERIES).toEqual([{ ticker: '^GSPC', interval: '1d' }]);
  });

  it('honours from/to', async () => {
    const { bars } = await createSampleSource().fetch({ ticker: '^GSPC', interval: '1d', from: new Date('2008-10-01'), to: new Date('2008-11-01') });
    expect(bars.map((bar) => bar.ts.toISOString().slice(0, 10))).toEqual(expect.arrayContaining(['2008-10-01', '2008-10-31']));
    expect(bars).toHaveLength(23);
  });

  it('refuses any other series with a UserError that points at the other sources', async () => {
    await expect(createSampleSource().fetch({ ticker: 'AAPL', interval: '1d' })).rejects.toBeInstanceOf(UserError);
    await expect(createSampleSource().fetch({ ticker: '^GSPC', interval: '1h' })).rejects.toThrow(/only \^GSPC daily.*--source yahoo or --source csv:PATH/);
  });
});
