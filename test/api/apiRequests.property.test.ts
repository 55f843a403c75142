import http from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken } from '../../core/apiTokens.ts';
import { sessionDate } from '../../core/bars.ts';
import { readDaily } from '../support/sharedData.ts';
import { call, openApiServer, type ApiServer } from './apiServer.ts';

const RUNS = 10_000;
/** Every code an /api answer may carry; a 5xx (or any other code) under junk input fails the property. */
/** Methods Node's HTTP parser does not know. */
const PARSER_REFUSES = ['FOO', 'BREW', 'XGET'];
const API_CODES = new Set(['unauthorized', 'invalid_token', 'insufficient_scope', 'bad_request', 'not_found', 'unknown_ticker', 'method_not_allowed']);

const FORECAST_KEYS = 'asOf,drivers,edge,edgeReason,horizon,lastClose,modelPoints,modelVersion,points,skill,ticker';
const PRICES_KEYS = 'interval,rows,ticker';
const closeByDate = new Map(readDaily('AAPL').map((bar) => [sessionDate(bar.ts), bar.close]));

type Auth = 'valid' | 'lowerScheme' | 'revoked' | 'unscoped' | 'unknown' | 'none' | { raw: string };
interface FuzzRequest {
  method: string;
  path: string;
  auth: Auth;
  accept: string | undefined;
  body: string | Uint8Array | undefined;
}
interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const printable = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength });
const latin1 = (maxLength: number) => fc.string({ unit: fc.integer({ min: 0xa1, max: 0xff }).map((c) => String.fromCharCode(c)), maxLength });
const percentJunk = fc.array(fc.constantFrom('%', '%2', '%2F', '%2e', '%2E%2E', '%00', '%E0%A4%A', '%C3%A4', '%zz', '%%', '%5E', '%20', '%FF', 'A', '0'), { maxLength: 6 }).map((parts) => parts.join(''));
/** Unicode of every plane, percent-encoded as a browser would send it. */
const encodedUnicode = fc.string({ unit: 'binary', maxLength: 8 }).map((text) => encodeURIComponent(text));

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('AAPL', 'aapl', 'MSFT', 'ZZZZ', '%5EGSPC', 'BRK-B', 'forecast', 'prices', 'models', 'assets', '1', '12.pdf', '999999999', 'vega.min.js') },
  { weight: 1, arbitrary: fc.constantFrom('.', '..', '', ';', '%2e%2e') },
  { weight: 2, arbitrary: encodedUnicode },
  { weight: 2, arbitrary: percentJunk },
  { weight: 1, arbitrary: latin1(6) },
  // Printable ASCII without '#' (a fragment never reaches a server) and without space (refused by the client).
  { weight: 2, arbitrary: printable(10).map((text) => text.replace(/[# ]/g, '')) },
);

const root = fc.constantFrom('/api', '/api/', '/api/forecast/', '/api/prices/', '/api/models', '/api/forecast/AAPL', '/api/prices/AAPL', '/reports', '/reports/', '/reports/assets/', '/healthz', '/', '/favicon.ico', '/slack/events', '/API/models', '/apix');

const queryValue = fc.oneof(
  fc.constantFrom('1', '3', '5', '0', '6', '100', '5000', '5001', '-1', '2.5', '1e3', '+3', '%203', '3%00', 'abc', '', '1d', '1h', '5m', '1m', '2d', 'json', '2020-03-02', '2020-03-06', '2020-02-30', '2026-06-12', '99999-01-01', 'yesterday'),
  encodedUnicode,
  percentJunk,
);
const queryPair = fc.tuple(fc.constantFrom('horizon', 'last', 'interval', 'from', 'to', 'format', 'days', 'HORIZON', '__proto__', 'constructor', ''), queryValue).map(([key, value]) => `${key}=${value}`);
const query = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 6, arbitrary: fc.array(queryPair, { minLength: 1, maxLength: 4 }).map((pairs) => `?${pairs.join('&')}`) },
  { weight: 1, arbitrary: printable(20).map((text) => `?${text.replace(/[# ]/g, '')}`) },
);

const ticker = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('AAPL', 'aapl', '%41APL') }, { weight: 1, arbitrary: segment });
const endpointPath = fc.oneof(
  fc.tuple(fc.constantFrom('/api/forecast/', '/api/prices/'), ticker, query).map(([start, t, q]) => `${start}${t}${q}`),
  query.map((q) => `/api/models${q}`),
);
const anyPath = fc
  .tuple(root, fc.array(segment, { maxLength: 3 }), query)
  .map(([start, segments, q]) => `${start}${segments.length ? `${start.endsWith('/') ? '' : '/'}${segments.join('/')}` : ''}${q}`);
// Two leading slashes (or a backslash, which URL parsing reads as one) make the target protocol-relative; a bad
// host there (`//[`) must be a 400, not a crash, so such targets are drawn too.
const path = fc.oneof({ weight: 2, arbitrary: endpointPath }, { weight: 3, arbitrary: anyPath }, { weight: 1, arbitrary: fc.constantFrom('//[', '/\\[', '//:99999/', 'http://[', '//x/api/models') });

const auth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Auth>('valid') },
  { weight: 1, arbitrary: fc.constantFrom<Auth>('lowerScheme', 'revoked', 'unscoped', 'unknown', 'none') },
  { weight: 1, arbitrary: printable(60).map<Auth>((raw) => ({ raw })) },
  { weight: 1, arbitrary: fc.oneof(printable(60), latin1(10)).map<Auth>((raw) => ({ raw: `Bearer ${raw}` })) },
  { weight: 1, arbitrary: fc.constantFrom<Auth>({ raw: 'Basic dXNlcjpwYXNz' }, { raw: 'Bearer' }, { raw: 'Bearer tc_' }, { raw: 'Bearer ==' }, { raw: '\tBearer x' }) },
);

const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.record({
  method: fc.oneof({ weight: 12, arbitrary: fc.constant('GET') }, { weight: 4, arbitrary: fc.constantFrom('POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND') }, { weight: 1, arbitrary: fc.constantFrom(...PARSER_REFUSES) }),
  path,
  auth,
  accept: fc.constantFrom(undefined, 'application/json', 'text/html', '*/*'),
  body: fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) }, { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }) }),
});

/** The path the server routes on, worked out the way app/httpServer.ts does; null for a target that does not parse. */
function routedPath(target: string): string | null {
  try {
    return new URL(target, 'http://localhost').pathname;
  } catch {
    return null;
  }
}

describe('the HTTP server under random requests', () => {
  let api: ApiServer;
  let tokens: Record<'valid' | 'revoked' | 'unscoped', string>;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  beforeAll(async () => {
    api = await openApiServer({ tickers: ['AAPL'] });
    const unscoped = generateApiToken();
    await api.app.store.apiTokens.create({ name: 'unscoped', prefix: unscoped.prefix, tokenHash: unscoped.tokenHash, scopes: [], createdBy: null });
    tokens = { valid: await api.token(), revoked: await api.token(), unscoped: unscoped.token };
    await api.app.store.apiTokens.revoke({ prefix: tokens.revoked.slice(0, 10) });
  });
  afterAll(async () => {
    agent.destroy();
    await api?.close();
  });

  function authorization(a: Auth): string | undefined {
    if (typeof a === 'object') return a.raw;
    switch (a) {
      case 'none': return undefined;
      case 'lowerScheme': return `bearer ${tokens.valid}`;
      case 'unknown': return `Bearer ${generateApiToken().token}`;
      default: return `Bearer ${tokens[a]}`;
    }
  }

  function send(r: FuzzRequest): Promise<Reply> {
    const { port } = new URL(api.url);
    const headers: http.OutgoingHttpHeaders = {};
    const auth = authorization(r.auth);
    if (auth !== undefined) headers.authorization = auth;
    if (r.accept) headers.accept = r.accept;
    const body = r.method === 'HEAD' ? undefined : r.body;
    if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
    return new Promise((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.setTimeout(15_000, () => req.destroy(new Error(`no answer within 15 s to ${r.method} ${r.path}`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  it(`answers ${RUNS} random requests, each with a valid status and, under /api, a JSON document`, async () => {
    const seen = new Map<string, number>();
    const count = (key: string) => seen.set(key, (seen.get(key) ?? 0) + 1);

    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (r) => {
        const reply = await send(r);
        expect(reply.status).toBeGreaterThanOrEqual(200);
        expect(reply.status).toBeLessThan(500);
        const type = String(reply.headers['content-type'] ?? '');
        const hasBody = r.method !== 'HEAD' && reply.body.length > 0;
        const doc: unknown = type.startsWith('application/json') && hasBody ? JSON.parse(reply.body.toString('utf8')) : undefined;
        if (doc !== undefined && reply.status >= 400) {
          const error = (doc as { error?: { code?: unknown; message?: unknown } }).error;
          expect(typeof error?.code).toBe('string');
          expect(typeof error?.message).toBe('string');
        }

        // Node's HTTP parser refuses unknown methods and bytes beyond ASCII in the target before
        // any route runs: a bare 400.
        if (PARSER_REFUSES.includes(r.method) || /[^\x21-\x7e]/.test(r.path)) {
          expect(reply.status).toBe(400);
          count('parser');
          return;
        }
        const routed = routedPath(r.path);
        if (routed === null) {
          expect(reply.status).toBe(400);
          if (r.method !== 'HEAD') expect(doc).toMatchObject({ error: { code: 'bad_request' } });
          count('unparsable');
          return;
        }
        if (!(routed === '/api' || routed.startsWith('/api/'))) return;
        count(`${reply.status}`);
        expect(type).toBe('application/json; charset=utf-8');
        if (r.method === 'HEAD') return;
        expect(doc).toBeDefined();
        if (reply.status < 300) {
          // Data only for GET with the live, scoped token, and only in an endpoint's shape.
          expect(r.method).toBe('GET');
          expect(['valid', 'lowerScheme']).toContain(r.auth);
          const keys = Object.keys(doc as object).sort().join(',');
          expect([FORECAST_KEYS, PRICES_KEYS, 'versions']).toContain(keys);
          count(keys);
          // And the data is the shared CSV's, whatever the query picked.
          if (keys === FORECAST_KEYS) expect(doc).toMatchObject({ ticker: 'AAPL', asOf: '2026-06-12', lastClose: closeByDate.get('2026-06-12') });
          if (keys === PRICES_KEYS) {
            const rows = (doc as { rows: { date: string; close: number }[] }).rows;
            expect(rows.length).toBeLessThanOrEqual(5000);
            for (const [i, row] of rows.entries()) {
              expect(row.close).toBe(closeByDate.get(row.date));
              if (i > 0) expect(row.date > rows[i - 1]!.date).toBe(true);
            }
          }
          return;
        }
        const { code } = (doc as { error: { code: string } }).error;
        count(code);
        expect(API_CODES).toContain(code);
        if (reply.status === 401) expect(reply.headers['www-authenticate']).toMatch(/^Bearer realm="tickcast"/);
        if (reply.status === 405) expect(reply.headers.allow).toBe('GET');
      }),
      { numRuns: RUNS },
    );

    // The runs reached every kind of answer, so the checks above were not idle.
    for (const kind of ['200', FORECAST_KEYS, PRICES_KEYS, 'versions', 'unauthorized', 'invalid_token', 'insufficient_scope', 'bad_request', 'not_found', 'unknown_ticker', 'method_not_allowed']) {
      expect(seen.get(kind) ?? 0, `${kind}: ${JSON.stringify(Object.fromEntries(seen))}`).toBeGreaterThan(0);
    }

    // Still up, and still right.
    expect((await call(`${api.url}/healthz`)).status).toBe(200);
    const prices = await call(`${api.url}/api/prices/AAPL?last=1`, { token: tokens.valid });
    expect(prices.body).toMatchObject({ rows: [{ date: '2026-06-12', close: 291.1300048828125 }] });
  }, 300_000);
});
