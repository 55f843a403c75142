import { describe, expect, it } from 'vitest';
import { UserError } from '../../../core/errors.ts';
import { planYahooWindows } from '../../../pipeline/sources/yahooWindows.ts';

const NOW = new Date('2021-08-14T00:00:00Z');
const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);

describe('planYahooWindows', () => {
  it('asks for a whole daily history in one request, reaching 99 years back', () => {
    expect(planYahooWindows({ ticker: 'KO', interval: '1d' }, NOW)).toEqual([
      { period1: at('1922-01-01T00:00:00Z'), period2: new Date(NOW.getTime() + DAY) },
    ]);
  });

  it('clips an intraday range that starts before Yahoo\'s lookback to the lookback (plus a 10 minute margin)', () => {
    const windows = planYahooWindows({ ticker: 'SPY', interval: '5m', from: at('2021-01-01T00:00:00Z') }, NOW);
    expect(windows).toEqual([{ period1: new Date(NOW.getTime() - 60 * DAY + 600_000), period2: NOW }]);
  });

  it('defaults an intraday range to the whole lookback: 730 days of 1h bars in one request', () => {
    const windows = planYahooWindows({ ticker: 'SPY', interval: '1h' }, NOW);
    expect(windows).toEqual([{ period1: new Date(NOW.getTime() - 730 * DAY + 600_000), period2: NOW }]);
  });

  it('splits the 30-day 1m lookback into 7-day requests', () => {
    const windows = planYahooWindows({ ticker: 'SPY', interval: '1m' }, NOW);
    expect(windows).toHaveLength(5);
    expect(windows.map((window) => window.period2.getTime() - window.period1.getTime()).slice(0, 4)).toEqual([7 * DAY, 7 * DAY, 7 * DAY, 7 * DAY]);
    expect(windows[4]!.period2).toEqual(NOW);
  });

  it('refuses, as a UserError, an intraday range that ends before Yahoo\'s lookback', () => {
    const request = { ticker: 'SPY', interval: '1m' as const, from: at('2021-07-01T00:00:00Z'), to: at('2021-07-10T00:00:00Z') };
    expect(() => planYahooWindows(request, NOW)).toThrow(UserError);
    expect(() => planYahooWindows(request, NOW)).toThrow(/Yahoo serves 1m bars for the last 30 days only/);
  });

  it('refuses a range whose from is after its to', () => {
    expect(() => planYahooWindows({ ticker: 'SPY', interval: '1d', from: at('2021-02-01'), to: at('2021-01-01') }, NOW)).toThrow(/is after --to/);
  });

  it('still asks for a small window when an incremental from is already up to date, so the batch carries the metadata', () => {
    const windows = planYahooWindows({ ticker: 'SPY', interval: '1m', from: at('2021-08-14T00:05:00Z') }, NOW);
    expect(windows).toEqual([{ period1: new Date(NOW.getTime() - DAY), period2: NOW }]);
  });
});
