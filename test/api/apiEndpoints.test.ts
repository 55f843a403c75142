import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken } from '../../core/apiTokens.ts';
import { sessionDate } from '../../core/bars.ts';
import { MAX_HORIZON, type Forecast } from '../../core/forecast.ts';
import { ingest } from '../../pipeline/ingest/ingest.ts';
import { planIngest } from '../../pipeline/ingest/planIngest.ts';
import { ENGINES } from '../support/engines.ts';
import { INTRADAY_DIR, readDaily, readIntraday } from '../support/sharedData.ts';
import { bundleWith } from '../bot/support.ts';
import { call, errorOf, openApiServer, type ApiServer } from './apiServer.ts';

type PricesDoc = { ticker: string; interval: string; rows: Record<string, unknown>[] };
const aapl = readDaily('AAPL');
const csvRow = (i: number) => {
  const bar = aapl.at(i)!;
  return { date: sessionDate(bar.ts), open: bar.open, high: bar.high, low: bar.low, close: bar.close, adj_close: bar.adjClose, volume: bar.volume };
};

describe.each(ENGINES)('the REST API on $name', (engine) => {
  let api: ApiServer;
  let token: string;
  const get = (path: string, auth: { token?: string; authorization?: string; method?: string } = { token }) => call(`${api.url}${path}`, auth);

  beforeAll(async () => {
    api = await openApiServer({ engine, tickers: ['AAPL'] });
    const plan = await planIngest({ source: `csv:${INTRADAY_DIR}`, tickers: ['AMZN'], interval: '1h' }, { watchlist: [] });
    await ingest(plan.source, plan.requests, { store: api.app.store });
    token = await api.token();
  });
  afterAll(() => api?.close());

  describe('answers', () => {
    it('GET /api/forecast/:ticker: the forecast document from the last stored close, as the chat computes it', async () => {
      const answer = await get('/api/forecast/AAPL?horizon=3');
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const f = answer.body as Forecast;
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['ticker', 'asOf', 'horizon', 'modelVersion', 'lastClose', 'points', 'skill', 'edge']));
      expect(f).toMatchObject({ ticker: 'AAPL', asOf: '2026-06-12', horizon: 3, modelVersion: 'naive', lastClose: aapl.at(-1)!.close, edge: false });
      expect(f.points.map((p) => p.date)).toEqual(['2026-06-15', '2026-06-16', '2026-06-17']);
      for (const p of f.points) expect(p.p025 < p.p10 && p.p10 < p.p50 && p.p50 < p.p90 && p.p90 < p.p975).toBe(true);
      expect(Object.keys(f.skill)).toEqual(expect.arrayContaining(['mase', 'u2', 'hitRate', 'hitRateLow', 'hitRateHigh', 'coverage80', 'coverage95', 'window']));
      expect(f).toEqual(JSON.parse(JSON.stringify(await api.services.forecast('AAPL', 3))));
    });

    it('the horizon defaults to the longest, and a lower-case ticker is the same ticker', async () => {
      const f = (await get('/api/forecast/aapl')).body as Forecast;
      expect(f.ticker).toBe('AAPL');
      expect(f.horizon).toBe(MAX_HORIZON);
      expect(f.points).toHaveLength(MAX_HORIZON);
    });

    it('GET /api/prices/:ticker: the newest 100 daily bars by default, values as in the CSV', async () => {
      const answer = await get('/api/prices/AAPL');
      expect(answer.status).toBe(200);
      const doc = answer.body as PricesDoc;
      expect(doc.ticker).toBe('AAPL');
      expect(doc.interval).toBe('1d');
      expect(doc.rows).toHaveLength(100);
      expect(doc.rows.at(-1)).toEqual(csvRow(-1));
      expect(doc.rows.at(-1)).toMatchObject({ date: '2026-06-12', close: 291.1300048828125, volume: 38742100 });
      expect(doc.rows[0]).toEqual(csvRow(-100));
    });

    it('?last, ?from and ?to pick the bars, both dates included', async () => {
      expect(((await get('/api/prices/AAPL?last=3')).body as PricesDoc).rows).toEqual([csvRow(-3), csvRow(-2), csvRow(-1)]);
      const march = aapl.map((_, i) => csvRow(i)).filter((r) => r.date >= '2020-03-02' && r.date <= '2020-03-06');
      expect(march).toHaveLength(5);
      expect(((await get('/api/prices/AAPL?from=2020-03-02&to=2020-03-06')).body as PricesDoc).rows).toEqual(march);
      expect(((await get('/api/prices/AAPL?from=2020-03-02&to=2020-03-06&last=2')).body as PricesDoc).rows).toEqual(march.slice(-2));
      expect(((await get('/api/prices/AAPL?to=2006-06-14')).body as PricesDoc).rows).toEqual([csvRow(0), csvRow(1)]);
      expect(((await get('/api/prices/AAPL?from=2026-06-12')).body as PricesDoc).rows).toEqual([csvRow(-1)]);
      expect((await get('/api/prices/AAPL?last=5000')).body).toMatchObject({ rows: { length: 5000 } });
      // A weekend holds no session: an empty answer, not an error.
      expect((await get('/api/prices/AAPL?from=2020-03-07&to=2020-03-08')).body).toEqual({ ticker: 'AAPL', interval: '1d', rows: [] });
    });

    it('?interval=1h: intraday rows carry their start time', async () => {
      const hours = readIntraday('AMZN_1h.csv');
      const doc = (await get('/api/prices/amzn?interval=1h&last=2')).body as PricesDoc;
      expect(doc).toMatchObject({ ticker: 'AMZN', interval: '1h' });
      expect(doc.rows).toEqual(hours.slice(-2).map((bar) => ({ ts: bar.ts.toISOString(), open: bar.open, high: bar.high, low: bar.low, close: bar.close, adj_close: null, volume: bar.volume })));
      expect(doc.rows.at(-1)).toMatchObject({ ts: '2021-12-31T22:00:00.000Z', close: 166.73 });
    });

    it('GET /api/models: the registry, newest first, with aliases and figures', async () => {
      expect((await get('/api/models')).body).toEqual({ versions: [] });
      await api.app.store.models.save(bundleWith(0.98, 0.8), 'terminal:ana');
      await api.app.store.models.save(bundleWith(0.95, 0.79), 'terminal:bo');
      await api.app.store.models.moveAlias('challenger', 'v2', 'trained', 'terminal:bo');
      const { versions } = (await get('/api/models')).body as { versions: Record<string, unknown>[] };
      expect(versions.map((v) => [v.version, v.aliases, v.mase, v.coverage80, v.createdBy])).toEqual([
        ['v2', ['challenger'], 0.95, 0.79, 'terminal:bo'],
        ['v1', [], 0.98, 0.8, 'terminal:ana'],
      ]);
      expect(versions[0]).toMatchObject({ kind: 'quantile-lstm', trainFrom: '2010-01-04', trainTo: '2026-06-12', tickers: ['AAPL'], weightBytes: 3, retiredAt: null });
    });

    it('records when a token was last used', async () => {
      const fresh = await api.token();
      const before = Date.now();
      await get('/api/models', { token: fresh });
      const used = (await api.app.store.apiTokens.list()).find((t) => t.lastUsedAt && t.lastUsedAt.getTime() >= before - 1000);
      expect(used).toBeDefined();
    });
  });

  describe('refusals, each with its code', () => {
    it('401 unauthorized without a well-formed bearer header, with a challenge', async () => {
      for (const authorization of [undefined, '', 'Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', `Bearer ${token} extra`, `Token ${token}`, 'Bearer ä']) {
        const answer = await get('/api/models', authorization === undefined ? {} : { authorization });
        expect(answer.status, String(authorization)).toBe(401);
        expect(errorOf(answer).code).toBe('unauthorized');
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="tickcast"');
      }
    });

    it('401 invalid_token for a token that is unknown or revoked; the scheme is case-insensitive', async () => {
      const other = await api.token();
      expect((await get('/api/models', { authorization: `bearer ${other}` })).status).toBe(200);
      await api.app.store.apiTokens.revoke({ prefix: other.slice(0, 10) });
      for (const presented of [other, `${token}x`, token.slice(0, -1), 'tc_nothing', token.toLowerCase()]) {
        const answer = await get('/api/forecast/AAPL', { token: presented });
        expect(answer.status).toBe(401);
        expect(errorOf(answer)).toEqual({ code: 'invalid_token', message: 'the token is unknown or revoked' });
        expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="tickcast", error="invalid_token"');
      }
      expect((await get('/api/models')).status).toBe(200);
    });

    it('403 insufficient_scope for a token without the read scope', async () => {
      // The command line refuses a token without scopes; one stored by hand (or by a later scope) must still be refused.
      const bare = generateApiToken();
      await api.app.store.apiTokens.create({ name: 'no scopes', prefix: bare.prefix, tokenHash: bare.tokenHash, scopes: [], createdBy: null });
      const answer = await get('/api/prices/AAPL', { token: bare.token });
      expect(answer.status).toBe(403);
      expect(errorOf(answer).code).toBe('insufficient_scope');
      expect(answer.headers.get('www-authenticate')).toContain('error="insufficient_scope", scope="read"');
    });

    it('400 bad_request naming the parameter', async () => {
      const cases: [string, string][] = [
        ['/api/forecast/AAPL?horizon=0', 'horizon'],
        ['/api/forecast/AAPL?horizon=6', 'horizon'],
        ['/api/forecast/AAPL?horizon=abc', 'horizon'],
        ['/api/forecast/AAPL?horizon=2.5', 'horizon'],
        ['/api/forecast/AAPL?horizon=', 'horizon'],
        ['/api/forecast/AAPL?horizon=1&horizon=2', 'horizon'],
        ['/api/forecast/AAPL?days=3', "'days'"],
        ['/api/forecast/not%20a%20ticker', 'ticker'],
        ['/api/forecast/%E0%A4%A', 'ticker'],
        ['/api/prices/AAPL?last=0', 'last'],
        ['/api/prices/AAPL?last=5001', 'last'],
        ['/api/prices/AAPL?interval=2d', 'interval'],
        ['/api/prices/AAPL?from=2020-02-30', 'from'],
        ['/api/prices/AAPL?to=yesterday', 'to'],
        ['/api/prices/AAPL?from=2021-01-02&to=2021-01-01', 'from'],
        ['/api/models?limit=3', "'limit'"],
      ];
      for (const [path, parameter] of cases) {
        const answer = await get(path);
        expect(answer.status, path).toBe(400);
        const { code, message } = errorOf(answer);
        expect(code, path).toBe('bad_request');
        expect(message.startsWith(`${parameter}:`), `${path}: ${message}`).toBe(true);
      }
      const messages = await Promise.all(['/api/forecast/AAPL?horizon=9', '/api/forecast/AAPL?horizn=3', '/api/prices/AAPL?interval=2d', '/api/prices/AAPL?from=2020-02-30'].map(async (path) => errorOf(await get(path)).message));
      expect(messages).toEqual([
        'horizon: 9 is outside 1..5',
        "'horizn': unknown parameter; this endpoint takes horizon",
        "interval: '2d' is not one of 1d, 1h, 5m, 1m",
        "from: '2020-02-30' is not a real date",
      ]);
    });

    it('404 unknown_ticker for a ticker with no bars, 404 not_found for a path with no endpoint', async () => {
      for (const path of ['/api/forecast/ZZZZ', '/api/prices/ZZZZ', '/api/prices/AAPL?interval=5m']) {
        const answer = await get(path);
        expect(answer.status, path).toBe(404);
        expect(errorOf(answer).code).toBe('unknown_ticker');
      }
      expect(errorOf(await get('/api/forecast/ZZZZ')).message).toMatch(/^no bars stored for ZZZZ/);
      for (const path of ['/api', '/api/', '/api/nothing', '/api/forecast', '/api/forecast/', '/api/forecast/AAPL/extra', '/api/models/v1']) {
        const answer = await get(path);
        expect(answer.status, path).toBe(404);
        expect(errorOf(answer).code).toBe('not_found');
      }
    });

    it('405 method_not_allowed with Allow for another method on an endpoint', async () => {
      const answer = await get('/api/models', { token, method: 'POST' });
      expect(answer.status).toBe(405);
      expect(errorOf(answer).code).toBe('method_not_allowed');
      expect(answer.headers.get('allow')).toBe('GET');
    });

    it('routing comes before authentication: an unknown path is 404 even without a token', async () => {
      expect((await get('/api/nothing', {})).status).toBe(404);
      expect((await get('/api/models', { method: 'POST' })).status).toBe(405);
    });
  });
});
