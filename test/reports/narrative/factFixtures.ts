import type { ReportFacts, TickerFacts } from '../../../core/reports.ts';

/** Report facts as the report builder would hand them over, written out by hand for a Monday morning report. */

function ticker(fields: Partial<TickerFacts> & Pick<TickerFacts, 'ticker'>): TickerFacts {
  return {
    status: 'ok', reason: null, asOf: '2026-06-05', lastClose: null, change1dPct: null, change5dPct: null, forecast: null,
    model: null, edge: null, mase: null, coverage80Pct: null, drift: null, alertsFired: 0, ...fields,
  };
}

export const AAPL = ticker({
  ticker: 'AAPL', lastClose: 189.98, change1dPct: 1.23, change5dPct: 2.87,
  forecast: { horizon: 5, date: '2026-06-12', median: 192.4, low80: 186.1, high80: 198.7, medianChangePct: 1.27 },
  model: 'lgbm-2026-06-01', edge: true, mase: 0.912, coverage80Pct: 81.2, drift: 'stable', alertsFired: 2,
});

export const MSFT = ticker({
  ticker: 'MSFT', lastClose: 415.32, change1dPct: -0.84, change5dPct: -1.95,
  forecast: { horizon: 5, date: '2026-06-12', median: 415.32, low80: 402.75, high80: 427.9, medianChangePct: 0 },
  model: 'naive', edge: false, mase: 1.037, coverage80Pct: 79.4, drift: 'watch',
});

export const TSLA = ticker({
  ticker: 'TSLA', lastClose: 176.54, change1dPct: -3.42, change5dPct: -6.1,
  forecast: { horizon: 5, date: '2026-06-12', median: 174.9, low80: 158.2, high80: 192.3, medianChangePct: -0.93 },
  model: 'lgbm-2026-06-01', edge: true, mase: 0.968, coverage80Pct: 77.9, drift: 'drift', alertsFired: 1,
});

export const SNDL = ticker({
  ticker: 'SNDL', lastClose: 0.4321, change1dPct: 5.61, change5dPct: 9.04,
  forecast: { horizon: 5, date: '2026-06-12', median: 0.4387, low80: 0.3912, high80: 0.4903, medianChangePct: 1.53 },
  model: 'naive',
});

export const NVDA = ticker({
  ticker: 'NVDA', lastClose: 1234.56, change1dPct: 0.41, change5dPct: 3.3,
  forecast: { horizon: 5, date: '2026-06-12', median: 1241.1, low80: 1188.4, high80: 1296.25, medianChangePct: 0.53 },
  model: 'lgbm-2026-06-01', edge: true, mase: null, coverage80Pct: null, drift: 'stable',
});

export const ZZZZ = ticker({ ticker: 'ZZZZ', status: 'no_data', reason: 'no bars stored; load them with tickcast ingest', asOf: null });

export const GME = ticker({
  ticker: 'GME', status: 'unpublishable', reason: 'the 80% interval is wider than 45% of the last close.', lastClose: 23.14, change1dPct: 12.87, change5dPct: 31.5,
  model: 'lgbm-2026-06-01',
});

/** The full watchlist: up and down moves, an edge, no edge, no record, drift, a sub-dollar stock, missing data. */
export const watchlistFacts: ReportFacts = {
  reportDate: '2026-06-08',
  tickers: [AAPL, MSFT, TSLA, SNDL, NVDA, ZZZZ, GME],
  alertsFired: 3,
  registryChanges: [{
    alias: 'champion', fromVersion: 'lgbm-2026-05-01', toVersion: 'lgbm-2026-06-01', reason: 'passed the promotion gate: MASE 0.931 vs. 0.958',
    at: '2026-06-01T06:00:00.000Z', by: 'U024BE7LH',
  }],
  champion: 'lgbm-2026-06-01',
};

export const emptyWatchlistFacts: ReportFacts = { reportDate: '2026-06-08', tickers: [], alertsFired: 0, registryChanges: [], champion: null };

export const allNoDataFacts: ReportFacts = {
  reportDate: '2026-06-08',
  tickers: [ZZZZ, ticker({ ticker: 'QQQQ', status: 'no_data', reason: null, asOf: null })],
  alertsFired: 0,
  registryChanges: [],
  champion: null,
};

/** A red morning: every change negative, one ticker without an edge, a first champion set. */
export const downDayFacts: ReportFacts = {
  reportDate: '2026-03-17',
  tickers: [
    ticker({
      ticker: 'TSLA', asOf: '2026-03-16', lastClose: 201.07, change1dPct: -7.85, change5dPct: -12.4,
      forecast: { horizon: 5, date: '2026-03-23', median: 198.6, low80: 181.35, high80: 214.9, medianChangePct: -1.23 },
      model: 'mlp-v3', edge: true, mase: 0.944, coverage80Pct: 80.6, alertsFired: 4,
    }),
    ticker({
      ticker: 'AMD', asOf: '2026-03-16', lastClose: 97.02, change1dPct: -2.06, change5dPct: -4.75,
      forecast: { horizon: 5, date: '2026-03-23', median: 97.02, low80: 91.4, high80: 102.65, medianChangePct: 0 },
      model: 'naive', edge: false, mase: 1.112, coverage80Pct: 78.1,
    }),
  ],
  alertsFired: 4,
  registryChanges: [{ alias: 'champion', fromVersion: null, toVersion: 'mlp-v3', reason: 'first model', at: '2026-03-10T09:30:00.000Z', by: null }],
  champion: 'mlp-v3',
};

/** Only sub-dollar quotes, and a one-session horizon. */
export const pennyFacts: ReportFacts = {
  reportDate: '2026-06-08',
  tickers: [
    ticker({
      ticker: 'SNDL', lastClose: 0.4321, change1dPct: -0.46, change5dPct: 1.1,
      forecast: { horizon: 1, date: '2026-06-08', median: 0.4319, low80: 0.4188, high80: 0.4457, medianChangePct: -0.05 },
      model: 'naive', edge: false, mase: 1.004, coverage80Pct: 82.35,
    }),
    ticker({ ticker: 'NAKD', lastClose: 0.0712, change1dPct: 0, change5dPct: null, status: 'no_forecast', reason: 'only 41 bars stored, 260 needed' }),
  ],
  alertsFired: 0,
  registryChanges: [],
  champion: null,
};

export const allFactSets: Record<string, ReportFacts> = {
  watchlist: watchlistFacts,
  'empty watchlist': emptyWatchlistFacts,
  'all no_data': allNoDataFacts,
  'down day': downDayFacts,
  'sub-dollar': pennyFacts,
};
