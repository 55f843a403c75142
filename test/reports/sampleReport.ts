import { CHART_CONFIG, PALETTE, PRICE_Y, dateX } from '../../charts/chartStyle.ts';
import type { ReportCell, ReportDocument, TickerFacts } from '../../core/reports.ts';

/**
 * A daily report as reports/ would build it, by hand: three tickers, of which TSLA is unpublishable (a note stands
 * where its chart would be), a watchlist table, metric tiles, per-session forecast tables, an LLM narrative with one
 * sentence dropped, and provenance. Figures are consistent across facts, cells and narrative, so a test can look for
 * any of them in a rendering. Each call returns a fresh copy to change freely.
 */
export function sampleReport(): ReportDocument {
  return {
    title: 'Daily forecast report',
    reportDate: REPORT_DATE,
    tickers: ['AAPL', 'MSFT', 'TSLA'],
    facts: { reportDate: REPORT_DATE, tickers: [AAPL, MSFT, TSLA], alertsFired: 3, registryChanges: [PROMOTION], champion: CHAMPION },
    narrative: {
      source: 'llm',
      model: 'gpt-4o-mini',
      paragraphs: NARRATIVE,
      droppedSentences: 1,
      fallbackReason: null,
    },
    watchlist: [
      { ticker: 'AAPL', lastClose: '213.49', asOf: REPORT_DATE, change1d: '+1.8%', change5d: '-2.5%', forecast: '214.92 (+0.7%)', interval80: '206.31 – 223.87', trust: 'edge, model v7' },
    ],
    sections: [overview(), appleSection(), microsoftSection(), teslaSection(), registrySection()],
    provenance: {
      generatedAt: '2025-03-14T21:42:07.512Z',
      codeVersion: '0.1.0+d58af82',
      dataSnapshot: [
        { ticker: 'AAPL', runId: 4812, checksum: '9f2c41d7be08a3f65c1e0d9b7a4426f1c3e85b0d2a6f97e41c8b3d5a0e7f6c21', lastBar: REPORT_DATE },
        { ticker: 'MSFT', runId: 4812, checksum: '3b7e0a95c4d2f18e6a0b9c73d5e1f2a48c6b0d97e3f15a2c8d4b6e0f9a7c3d15', lastBar: REPORT_DATE },
        { ticker: 'TSLA', runId: 4813, checksum: 'c80d5e2a7f1b94e36d0c8a5b2f7e41d9a3c6b08e5f2d7a1c4b9e06f3d8a2c57e', lastBar: REPORT_DATE },
      ],
      modelVersions: [
        { version: CHAMPION, trainedThrough: '2025-03-07' },
        { version: 'naive', trainedThrough: null },
      ],
      narrative: { source: 'llm', model: 'gpt-4o-mini', droppedSentences: 1, fallbackReason: null },
    },
  };
}

const REPORT_DATE = '2025-03-14';
const CHAMPION = 'lstm-2025-03-10-a41c';

const AAPL: TickerFacts = {
  ticker: 'AAPL',
  status: 'ok',
  reason: null,
  asOf: REPORT_DATE,
  lastClose: 213.49,
  change1dPct: 1.78,
  change5dPct: -2.46,
  forecast: { horizon: 5, date: '2025-03-21', median: 214.92, low80: 206.31, high80: 223.87, medianChangePct: 0.67 },
  model: CHAMPION,
  edge: true,
  mase: 0.962,
  coverage80Pct: 81.4,
  drift: 'stable',
  alertsFired: 1,
};

const MSFT: TickerFacts = {
  ticker: 'MSFT',
  status: 'ok',
  reason: null,
  asOf: REPORT_DATE,
  lastClose: 388.56,
  change1dPct: 2.58,
  change5dPct: -1.1,
  forecast: { horizon: 5, date: '2025-03-21', median: 388.56, low80: 376.02, high80: 401.1, medianChangePct: 0 },
  model: 'naive',
  edge: false,
  mase: 1.043,
  coverage80Pct: 78.9,
  drift: 'watch',
  alertsFired: 0,
};

const TSLA: TickerFacts = {
  ticker: 'TSLA',
  status: 'unpublishable',
  reason: 'the 80% interval held 61.2% of closes in walk-forward testing; 70% is required',
  asOf: REPORT_DATE,
  lastClose: 249.98,
  change1dPct: 3.86,
  change5dPct: -4.74,
  forecast: null,
  model: null,
  edge: null,
  mase: 1.184,
  coverage80Pct: 61.2,
  drift: 'drift',
  alertsFired: 2,
};

const PROMOTION = {
  alias: 'champion',
  fromVersion: 'lstm-2025-02-24-9be0',
  toVersion: CHAMPION,
  reason: 'weekly retrain beat the champion on MASE (0.962 against 0.981)',
  at: '2025-03-10T22:14:03Z',
  by: 'scheduler',
};

const NARRATIVE = [
  '**Apple (AAPL)** closed at 213.49, up 1.78% on the day though still 2.46% lower over five sessions. The model sees a 5-session median of 214.92, with an 80% interval of 206.31 – 223.87.',
  '**Microsoft (MSFT)** gained 2.58% to 388.56. Its model has not beaten *tomorrow = today* lately (MASE 1.043), so the forecast shown is the naive one, with an 80% interval of 376.02 – 401.10.',
  'No forecast is published for **TSLA**: its 80% interval held only 61.2% of closes in walk-forward testing, and its inputs show `drift`. Three alerts fired since the previous report.',
];

function overview(): { id: string; title: string; cells: ReportCell[] } {
  return {
    id: 'overview',
    title: 'Watchlist',
    cells: [
      {
        kind: 'table',
        title: 'Closes and 5-session forecasts',
        columns: [
          { label: 'Ticker', align: 'left' },
          { label: 'Last close' },
          { label: '1 day' },
          { label: '5 days' },
          { label: 'Median 2025-03-21' },
          { label: '80% interval' },
          { label: 'Model', align: 'left' },
        ],
        rows: [
          ['AAPL', '213.49', '+1.78%', '-2.46%', '214.92', '206.31 – 223.87', CHAMPION],
          ['MSFT', '388.56', '+2.58%', '-1.10%', '388.56', '376.02 – 401.10', 'naive (no edge)'],
          ['TSLA', '249.98', '+3.86%', '-4.74%', 'n/a', 'n/a', 'not published'],
        ],
        note: 'Closes as of 2025-03-14. A *naive* forecast is tomorrow = today, shown when the model has no edge over it.',
      },
      {
        kind: 'metric',
        items: [
          { label: 'Alerts fired', value: '3', detail: 'since the previous report', tone: 'warn' },
          { label: 'Champion model', value: 'a41c', detail: CHAMPION, tone: 'neutral' },
          { label: 'Published forecasts', value: '2 of 3', detail: 'TSLA held back', tone: 'neutral' },
        ],
      },
    ],
  };
}

function appleSection(): { id: string; title: string; cells: ReportCell[] } {
  const history = closes([218.87, 214.76, 212.31, 209.68, 209.76, 213.49], 0.0135, 11);
  return {
    id: 'ticker-AAPL',
    title: 'AAPL · Apple Inc.',
    cells: [
      {
        kind: 'metric',
        items: [
          { label: 'Last close', value: '213.49', detail: '+1.78% on the day', tone: 'up' },
          { label: '5 days', value: '-2.46%', detail: 'from 218.87', tone: 'down' },
          { label: 'Median 2025-03-21', value: '214.92', detail: '+0.67% · 80%: 206.31 – 223.87', tone: 'neutral' },
          { label: 'MASE', value: '0.962', detail: 'edge over tomorrow = today', tone: 'up' },
        ],
      },
      chart('aapl-forecast', 'AAPL: 60 sessions and the 5-session forecast', history, AAPL_FAN),
      forecastTable(AAPL_FAN),
      {
        kind: 'markdown',
        text: '### Reading the forecast\n\nThe fan widens with the horizon: by 2025-03-21 the 80% interval spans 17.56.\n\n- Walk-forward MASE **0.962** (below 1 beats tomorrow = today)\n- 80% interval held **81.4%** of closes\n- Input drift: `stable`',
      },
    ],
  };
}

function microsoftSection(): { id: string; title: string; cells: ReportCell[] } {
  const history = closes([392.88, 385.97, 389.44, 383.27, 378.79, 388.56], 0.012, 29);
  return {
    id: 'ticker-MSFT',
    title: 'MSFT · Microsoft Corp.',
    cells: [
      {
        kind: 'metric',
        items: [
          { label: 'Last close', value: '388.56', detail: '+2.58% on the day', tone: 'up' },
          { label: '5 days', value: '-1.10%', detail: 'from 392.88', tone: 'down' },
          { label: 'Median 2025-03-21', value: '388.56', detail: 'naive · 80%: 376.02 – 401.10', tone: 'neutral' },
          { label: 'MASE', value: '1.043', detail: 'no edge: naive forecast shown', tone: 'warn' },
        ],
      },
      chart('msft-forecast', 'MSFT: 60 sessions and the naive 5-session forecast', history, MSFT_FAN),
      forecastTable(MSFT_FAN),
      { kind: 'note', tone: 'info', text: 'Input drift is at **watch** for MSFT: volume has run above its training range for four sessions.' },
    ],
  };
}

function teslaSection(): { id: string; title: string; cells: ReportCell[] } {
  return {
    id: 'ticker-TSLA',
    title: 'TSLA · Tesla Inc.',
    cells: [
      {
        kind: 'metric',
        items: [
          { label: 'Last close', value: '249.98', detail: '+3.86% on the day', tone: 'up' },
          { label: '5 days', value: '-4.74%', detail: 'from 262.42', tone: 'down' },
          { label: '80% coverage', value: '61.2%', detail: '70% required', tone: 'warn' },
          { label: 'MASE', value: '1.184', detail: 'no edge', tone: 'warn' },
        ],
      },
      {
        kind: 'note',
        tone: 'warn',
        text: 'No forecast is published for TSLA: the 80% interval held 61.2% of closes in walk-forward testing; 70% is required. The chart is left out so that no unreliable fan is read as a forecast.',
      },
      {
        kind: 'table',
        title: 'Last five sessions',
        columns: [{ label: 'Session', align: 'left' }, { label: 'Close' }, { label: 'Change' }],
        rows: [
          ['2025-03-10', '222.15', '-15.35%'],
          ['2025-03-11', '230.58', '+3.79%'],
          ['2025-03-12', '248.09', '+7.59%'],
          ['2025-03-13', '240.68', '-2.99%'],
          ['2025-03-14', '249.98', '+3.86%'],
        ],
      },
      { kind: 'markdown', text: 'Two price alerts fired for TSLA this week. Input drift is at `drift`, the highest level.' },
    ],
  };
}

function registrySection(): { id: string; title: string; cells: ReportCell[] } {
  return {
    id: 'models',
    title: 'Models',
    cells: [
      { kind: 'markdown', text: `The champion changed once since the previous report: **${CHAMPION}** replaced lstm-2025-02-24-9be0.` },
      {
        kind: 'table',
        title: 'Registry changes',
        columns: [{ label: 'Alias' }, { label: 'From' }, { label: 'To' }, { label: 'Reason' }, { label: 'At' }],
        rows: [['champion', 'lstm-2025-02-24-9be0', CHAMPION, PROMOTION.reason, '2025-03-10 22:14 UTC']],
      },
    ],
  };
}

interface FanPoint {
  date: string;
  median: number;
  low80: number;
  high80: number;
}

const AAPL_FAN: FanPoint[] = [
  { date: '2025-03-17', median: 213.78, low80: 209.78, high80: 217.78 },
  { date: '2025-03-18', median: 214.07, low80: 208.40, high80: 219.74 },
  { date: '2025-03-19', median: 214.35, low80: 207.41, high80: 221.29 },
  { date: '2025-03-20', median: 214.64, low80: 206.61, high80: 222.67 },
  { date: '2025-03-21', median: 214.92, low80: 206.31, high80: 223.87 },
];

const MSFT_FAN: FanPoint[] = [
  { date: '2025-03-17', median: 388.56, low80: 382.93, high80: 394.19 },
  { date: '2025-03-18', median: 388.56, low80: 380.59, high80: 396.53 },
  { date: '2025-03-19', median: 388.56, low80: 378.81, high80: 398.31 },
  { date: '2025-03-20', median: 388.56, low80: 377.29, high80: 399.83 },
  { date: '2025-03-21', median: 388.56, low80: 376.02, high80: 401.1 },
];

function forecastTable(points: FanPoint[]): ReportCell {
  return {
    kind: 'table',
    title: 'Forecast by session',
    columns: [{ label: 'Session', align: 'left' }, { label: 'Median' }, { label: '80% low' }, { label: '80% high' }],
    rows: points.map((p) => [p.date, p.median.toFixed(2), p.low80.toFixed(2), p.high80.toFixed(2)]),
    note: 'The 80% interval is where the close should fall four times out of five.',
  };
}

/**
 * 60 weekdays of closes ending on the report date: the last six as given (so the 1-day and 5-day changes in the
 * cells hold), before them a seeded random walk, the same on every run.
 */
function closes(tail: number[], volatility: number, seed: number): { date: string; close: number }[] {
  const dates: string[] = [];
  for (let t = Date.parse(`${REPORT_DATE}T00:00:00Z`); dates.length < 60; t -= 86_400_000) {
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.unshift(new Date(t).toISOString().slice(0, 10));
  }
  let state = seed;
  // Park–Miller: small enough that every product is exact in a double.
  const random = () => (state = (state * 48_271) % 2_147_483_647) / 2_147_483_647;
  const values = [...tail];
  while (values.length < dates.length) values.unshift(values[0]! / Math.exp((random() - 0.5) * 2 * volatility * Math.sqrt(3)));
  return dates.map((date, i) => ({ date, close: round2(values[i]!) }));
}

/** A line of closes, the 80% band and the dashed median: the report's chart in its simplest form. */
function chart(id: string, title: string, history: { date: string; close: number }[], fanPoints: FanPoint[]): ReportCell {
  const first = history[0]!;
  const last = history[history.length - 1]!;
  const x = dateX(first.date, fanPoints[fanPoints.length - 1]!.date);
  const band = [{ date: last.date, median: last.close, low80: last.close, high80: last.close }, ...fanPoints];
  const y = (field: string) => ({ ...PRICE_Y, field });
  const tooltip = [
    // Dates parse to UTC midnight; a UTC time unit shows the session in any reader's time zone.
    { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Session', format: '%Y-%m-%d' },
    { field: 'close', type: 'quantitative', title: 'Close', format: '.2f' },
  ];
  return {
    kind: 'chart',
    id,
    title,
    alt: `${title}: closes from ${first.close.toFixed(2)} to ${last.close.toFixed(2)}, then the forecast median and its 80% interval.`,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 720,
      height: 300,
      autosize: { type: 'fit', contains: 'padding' },
      config: CHART_CONFIG,
      layer: [
        { data: { values: band }, mark: { type: 'area', color: PALETTE.band80, opacity: 0.7 }, encoding: { x, y: y('low80'), y2: { field: 'high80' } } },
        { data: { values: history }, mark: { type: 'line', strokeWidth: 2, color: PALETTE.close }, encoding: { x, y: y('close') } },
        { data: { values: band }, mark: { type: 'line', strokeWidth: 2, strokeDash: [6, 4], color: PALETTE.median }, encoding: { x, y: y('median') } },
        // Invisible points under the line carry the tooltips of the interactive web chart.
        { data: { values: history }, mark: { type: 'point', opacity: 0, size: 80 }, encoding: { x, y: y('close'), tooltip } },
      ],
    },
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Figures that every rendering of the sample report must show, for tests that read a rendering back. */
export const SAMPLE_FIGURES: readonly string[] = ['213.49', '214.92', '206.31 – 223.87', '388.56', '376.02 – 401.10', '249.98', '61.2%', '1.043'];
