import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.ts';
import { requestIdOf, startHttpServer, type HttpRoute, type HttpServer } from '../../app/httpServer.ts';
import { createMetrics, metricsRoute, type Metrics } from '../../app/metrics.ts';
import { createApp, type App } from '../../app/wiring.ts';
import { ENGINES, openTestDatabase } from '../support/engines.ts';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  method?: string;
  route?: string;
  status?: number;
  ms?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const INFO = 30;
const DEBUG = 20;

/** Routes of the kinds the surfaces mount: an exact one that tells its request id, a prefix one, one that throws, one that waits. */
const routes: HttpRoute[] = [
  {
    method: 'GET',
    path: '/whoami',
    handle(_req, res) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(requestIdOf(res) ?? 'none');
    },
  },
  {
    method: 'GET',
    path: '/things',
    prefix: true,
    handle(req, res) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.url);
    },
  },
  {
    method: 'POST',
    path: '/explode',
    handle() {
      throw new Error('a bug in a route');
    },
  },
  {
    method: 'GET',
    path: '/slow',
    handle(_req, res) {
      setTimeout(() => res.end('late'), 2000).unref();
    },
  },
];

// The server's behaviour does not depend on the engine; one is enough.
describe('the HTTP server', () => {
  let app: App;
  let metrics: Metrics;
  let server: HttpServer;
  let dataDir: string;
  const lines: LogLine[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-http-'));
    const logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk)) as LogLine), done()) }));
    metrics = createMetrics({ logger });
    app = await createApp(loadConfig({ TICKCAST_DATA_DIR: dataDir }, dataDir), logger, { database: await openTestDatabase(ENGINES[0]!), telemetry: metrics.telemetry });
    server = await startHttpServer(app, 0, { host: '127.0.0.1', routes: [...routes, metricsRoute(metrics.registry)] });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    lines.length = 0;
  });

  /** The request lines logged so far, once the one for `requestId` is there (it is written when the response closes). */
  async function requestLines(requestId: string): Promise<LogLine[]> {
    for (let i = 0; i < 100 && !lines.some((line) => line.msg === 'http request' && line.requestId === requestId); i++) await new Promise((r) => setTimeout(r, 10));
    return lines.filter((line) => line.msg === 'http request');
  }

  it('keeps a sane x-request-id, echoes it, and hands it to the route', async () => {
    for (const id of ['abc-123', 'Slack.Retry_1', 'x'.repeat(64)]) {
      const response = await fetch(`${server.url}/whoami`, { headers: { 'x-request-id': id } });
      expect(response.headers.get('x-request-id')).toBe(id);
      expect(await response.text()).toBe(id);
    }
  });

  it('replaces a missing or odd request id with a fresh UUID', async () => {
    const seen = new Set<string>();
    for (const given of [undefined, 'x'.repeat(65), 'has space', 'semi;colon', 'ünï', '']) {
      const response = await fetch(`${server.url}/whoami`, { headers: given === undefined ? {} : { 'x-request-id': given } });
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect(await response.text()).toBe(id);
      seen.add(id);
    }
    expect(seen.size).toBe(6);
  });

  it('logs each request once when it ends, under its route pattern, at info; probes and scrapes at debug', async () => {
    const thing = await fetch(`${server.url}/things/42?x=1`, { headers: { 'x-request-id': 'req-things' } });
    expect(await thing.text()).toBe('/things/42?x=1');
    const missing = await fetch(`${server.url}/no/such/path`, { headers: { 'x-request-id': 'req-missing' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-request-id')).toBe('req-missing');
    await (await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'req-health' } })).text();
    await (await fetch(`${server.url}/metrics`, { headers: { 'x-request-id': 'req-metrics' } })).text();

    const logged = await requestLines('req-metrics');
    const byId = (id: string) => logged.filter((line) => line.requestId === id);
    expect(byId('req-things')).toEqual([expect.objectContaining({ level: INFO, method: 'GET', route: '/things/*', status: 200, ms: expect.any(Number) })]);
    expect(byId('req-missing')).toEqual([expect.objectContaining({ level: INFO, method: 'GET', route: 'unmatched', status: 404 })]);
    expect(byId('req-health')).toEqual([expect.objectContaining({ level: DEBUG, route: '/healthz', status: 200 })]);
    expect(byId('req-metrics')).toEqual([expect.objectContaining({ level: DEBUG, route: '/metrics', status: 200 })]);
    // The raw path never becomes a label or a log field of its own.
    expect(JSON.stringify(byId('req-things'))).not.toContain('/things/42');
    expect(byId('req-things')[0]!.ms).toBeGreaterThanOrEqual(0);
  });

  it('counts requests by route pattern, method and status; odd methods are one label', async () => {
    for (const n of [1, 2, 3]) await (await fetch(`${server.url}/things/${n}`)).text();
    await (await fetch(`${server.url}/whoami`, { method: 'PROPFIND' })).text();
    const count = async (labels: Record<string, string>) => {
      const [family] = (await metrics.registry.getMetricsAsJSON()).filter((m) => m.name === 'tickcast_http_request_duration_seconds');
      const values = (family!.values as { metricName?: string; labels: Record<string, string | number>; value: number }[])
        .filter((v) => v.metricName === 'tickcast_http_request_duration_seconds_count' && Object.entries(labels).every(([k, want]) => String(v.labels[k]) === want));
      return values.reduce((sum, v) => sum + v.value, 0);
    };
    expect(await count({ route: '/things/*', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(await count({ route: 'unmatched', method: 'OTHER', status: '404' })).toBe(1);
    const routesSeen = new Set(
      ((await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'tickcast_http_request_duration_seconds')!.values as { labels: Record<string, string> }[]).map((v) => v.labels.route),
    );
    expect([...routesSeen].every((route) => ['/whoami', '/things/*', '/healthz', '/metrics', '/explode', '/slow', 'unmatched'].includes(route!))).toBe(true);
  });

  it('answers 500 with the request id when a route throws, and keeps serving', async () => {
    const response = await fetch(`${server.url}/explode`, { method: 'POST', headers: { 'x-request-id': 'req-boom' } });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('reference req-boom');
    expect(lines.find((line) => line.msg === 'http route failed')).toMatchObject({ requestId: 'req-boom', route: '/explode' });
    expect((await fetch(`${server.url}/whoami`)).status).toBe(200);
    expect((await requestLines('req-boom')).filter((line) => line.requestId === 'req-boom')).toEqual([expect.objectContaining({ status: 500 })]);
  });

  it('logs a request the client gave up on as 499', async () => {
    const url = new URL(`${server.url}/slow`);
    await new Promise<void>((resolve) => {
      const req = http.get({ host: url.hostname, port: url.port, path: url.pathname, headers: { 'x-request-id': 'req-gone' } });
      req.on('error', () => resolve());
      setTimeout(() => req.destroy(), 100);
    });
    expect((await requestLines('req-gone')).filter((line) => line.requestId === 'req-gone')).toEqual([expect.objectContaining({ level: INFO, route: '/slow', status: 499 })]);
  });
});
