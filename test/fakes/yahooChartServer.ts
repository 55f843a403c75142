import http from 'node:http';
import { closeServer, listenLocally } from './localHttp.ts';

/**
 * A local stand-in for Yahoo's chart API (`/v8/finance/chart/SYMBOL`), answering in Yahoo's wire format, and a
 * `fetch` that sends yahoo-finance2's https://*.yahoo.com requests to it. Tests script faults (429, 5xx, hangs,
 * bad bodies) ahead of the normal answers.
 */
export interface WireRow {
  /** Epoch seconds, as Yahoo's `timestamp` array holds them. */
  t: number;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  volume: number | null;
  adjclose?: number | null;
}

export interface FakeYahooSeries {
  interval: '1d' | '1h' | '5m' | '1m';
  rows: WireRow[];
}

export interface FakeYahooMeta {
  symbol: string;
  longName?: string;
  shortName?: string;
  instrumentType: string;
  currency: string;
  exchangeName: string;
  fullExchangeName: string;
  exchangeTimezoneName: string;
  timezone: string;
  gmtoffset: number;
}

export type ScriptedAnswer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

export interface RecordedRequest {
  symbol: string;
  interval: string;
  period1: number;
  period2: number;
  includePrePost: boolean;
}

export interface FakeYahooServer {
  readonly origin: string;
  readonly requests: RecordedRequest[];
  readonly fetch: typeof fetch;
  addSeries(meta: FakeYahooMeta, series: FakeYahooSeries): void;
  /** Answers for the next requests, in order; then normal answers resume. */
  script(...answers: ScriptedAnswer[]): void;
  /** Forget recorded requests and unused scripted answers. */
  reset(): void;
  close(): Promise<void>;
}

const NOT_FOUND_BODY = '{"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}}';

export async function startFakeYahoo(): Promise<FakeYahooServer> {
  const seriesByKey = new Map<string, { meta: FakeYahooMeta; series: FakeYahooSeries }>();
  const scripted: ScriptedAnswer[] = [];
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    if (!match) return send(res, { status: 404, body: '{"error":"fake Yahoo knows only /v8/finance/chart"}' });
    const request: RecordedRequest = {
      symbol: decodeURIComponent(match[1]!),
      interval: url.searchParams.get('interval') ?? '1d',
      period1: Number(url.searchParams.get('period1')),
      period2: Number(url.searchParams.get('period2')),
      includePrePost: url.searchParams.get('includePrePost') === 'true',
    };
    requests.push(request);
    const answer = scripted.shift();
    if (answer === 'hang') return; // never answer; close() drops the connection
    if (answer) return send(res, answer);
    const found = seriesByKey.get(`${request.symbol} ${request.interval}`);
    if (!found) return send(res, { status: 404, body: NOT_FOUND_BODY });
    send(res, { status: 200, body: JSON.stringify(chartBody(found.meta, found.series, request)) });
  });
  const origin = await listenLocally(server);
  return {
    origin,
    requests,
    fetch: yahooToLocalFetch(origin),
    addSeries: (meta, series) => seriesByKey.set(`${meta.symbol} ${series.interval}`, { meta, series }),
    script: (...answers) => scripted.push(...answers),
    reset: () => {
      requests.length = 0;
      scripted.length = 0;
    },
    close: () => closeServer(server),
  };
}

function send(res: http.ServerResponse, answer: { status: number; body?: string; headers?: Record<string, string> }): void {
  res.writeHead(answer.status, { 'content-type': 'application/json;charset=utf-8', ...answer.headers });
  res.end(answer.body ?? '');
}

/** yahoo-finance2 hard-codes its hosts; this is the seam that points them here. Anything else is refused. */
function yahooToLocalFetch(origin: string): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (!url.hostname.endsWith('.yahoo.com')) return Promise.reject(new Error(`fake Yahoo: refusing ${url.href}`));
    return globalThis.fetch(`${origin}${url.pathname}${url.search}`, init);
  };
}

/** Yahoo's answer: rows with period1 <= t < period2, regular-session ones only unless includePrePost. */
function chartBody(meta: FakeYahooMeta, series: FakeYahooSeries, request: RecordedRequest) {
  const rows = series.rows.filter((row) => row.t >= request.period1 && row.t < request.period2
    && (series.interval === '1d' || request.includePrePost || inRegularSession(row.t, meta.exchangeTimezoneName)));
  const daily = series.interval === '1d';
  const column = (name: keyof WireRow) => rows.map((row) => row[name] ?? null);
  const result = {
    meta: fullMeta(meta, series, rows),
    ...(rows.length > 0 ? { timestamp: rows.map((row) => row.t) } : {}),
    indicators: rows.length === 0
      ? { quote: [{}], ...(daily ? { adjclose: [{}] } : {}) }
      : {
        quote: [{ open: column('open'), high: column('high'), low: column('low'), close: column('close'), volume: column('volume') }],
        ...(daily ? { adjclose: [{ adjclose: column('adjclose') }] } : {}),
      },
  };
  return { chart: { result: [result], error: null } };
}

/** US regular hours, 09:30-16:00 local; good enough for the New York series the tests serve. */
function inRegularSession(epochSeconds: number, timeZone: string): boolean {
  const instant = new Date(epochSeconds * 1000);
  const local = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  return minutes >= 9 * 60 + 30 && minutes < 16 * 60;
}

/** The meta fields Yahoo sends (yahoo-finance2 validates that the required ones are present). */
function fullMeta(meta: FakeYahooMeta, series: FakeYahooSeries, rows: WireRow[]) {
  const first = series.rows[0]?.t ?? 0;
  const last = rows[rows.length - 1] ?? series.rows[series.rows.length - 1];
  const period = { timezone: meta.timezone, start: last?.t ?? 0, end: (last?.t ?? 0) + 23_400, gmtoffset: meta.gmtoffset };
  return {
    ...meta,
    hasPrePostMarketData: true,
    firstTradeDate: first,
    regularMarketTime: last?.t ?? 0,
    regularMarketPrice: last?.close ?? 0,
    chartPreviousClose: rows[0]?.close ?? 0,
    priceHint: 2,
    currentTradingPeriod: { pre: period, regular: period, post: period },
    dataGranularity: series.interval,
    range: '',
    validRanges: ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'ytd', 'max'],
  };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes east of UTC of `timeZone` at `instant`. */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormatters.set(timeZone, formatter);
  }
  const name = formatter.formatToParts(instant).find((part) => part.type === 'timeZoneName')!.value; // "GMT-04:00" or "GMT"
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
}
