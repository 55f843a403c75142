import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { checkHealth, healthStatusCode, type HealthOptions } from './health.ts';
import type { App } from './wiring.ts';
import { UserError } from '../core/errors.ts';

/**
 * The service's HTTP server: `/healthz` and whatever routes the surfaces mount (the Slack receiver at
 * `/slack/events`, Discord interactions at `/discord/interactions`, `/metrics`, …), all on one port. Every request
 * gets a request id (echoed in `x-request-id`), one log line when it ends, and a count in the app's telemetry.
 */
export interface HttpRoute {
  method: 'GET' | 'POST';
  /** The exact path, or with `prefix` every path under it (`/reports` takes `/reports/12.pdf`). */
  path: string;
  prefix?: boolean;
  /** Reads the request (body included) itself and always answers. */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  host?: string;
  routes?: readonly HttpRoute[];
  /** Thresholds of `/healthz`. */
  health?: HealthOptions;
}

export const REQUEST_ID_HEADER = 'x-request-id';
/** A caller's request id is kept when it is a plain token; anything else (too long, odd characters) is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Scraped and probed every few seconds: their lines would drown the rest at info. */
const QUIET_ROUTES = new Set(['/healthz', '/metrics']);
/** The route label of a request no route took; raw paths would make a series per scanner probe. */
const UNMATCHED = 'unmatched';
/** What a response cut off by the client before it was finished is logged and counted as (nginx's convention). */
const CLIENT_CLOSED = 499;

/** The request id of a request this server is answering (also in the response's `x-request-id` header). */
export function requestIdOf(res: http.ServerResponse): string | null {
  const id = res.getHeader(REQUEST_ID_HEADER);
  return typeof id === 'string' ? id : null;
}

/** The caller's `x-request-id` when it is a sane token, else a new UUID. */
export function requestIdFor(req: http.IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/** The pattern a metric and a log line name a route by: `/reports/*` for everything under a prefix route. */
function patternOf(route: HttpRoute): string {
  return route.prefix === true ? `${route.path}/*` : route.path;
}

/** The path of a request target, or null when it does not parse (`//[`, `http://[`): answered 400, never thrown. */
function pathOf(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

export async function startHttpServer(app: App, port: number, options: HttpServerOptions = {}): Promise<HttpServer> {
  const routes: HttpRoute[] = [healthRoute(app, options.health ?? {}), ...(options.routes ?? [])];
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const requestId = requestIdFor(req);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const path = pathOf(req.url);
    const route = path === null ? undefined : routes.find((r) => r.method === req.method && (r.path === path || (r.prefix === true && path.startsWith(`${r.path}/`))));
    const pattern = route ? patternOf(route) : UNMATCHED;
    const method = KNOWN_METHODS.has(req.method ?? '') ? req.method! : 'OTHER';
    res.once('close', () => {
      const status = res.writableFinished ? res.statusCode : CLIENT_CLOSED;
      const seconds = (performance.now() - started) / 1000;
      app.telemetry.httpFinished(pattern, method, status, seconds);
      const log = app.logger.child({ requestId });
      const line = { method, route: pattern, status, ms: Math.round(seconds * 100_000) / 100 };
      if (QUIET_ROUTES.has(pattern)) log.debug(line, 'http request');
      else log.info(line, 'http request');
    });
    if (path === null) {
      json(res, 400, { error: { code: 'bad_request', message: 'the request target is not a valid path' } });
      return;
    }
    if (!route) {
      json(res, 404, { error: { code: 'not_found', message: `no route for ${req.method} ${path}` } });
      return;
    }
    try {
      route.handle(req, res);
    } catch (err) {
      app.logger.error({ err, requestId, route: pattern }, 'http route failed');
      if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: `something went wrong on our side (reference ${requestId})` } });
      else res.destroy();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      reject(err.code === 'EADDRINUSE' ? new UserError('port_in_use', `port ${port} is already in use; set PORT to a free one`, { cause: err }) : err);
    });
    server.listen(port, options.host ?? '0.0.0.0', () => resolve());
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    }),
  };
}

/** `/healthz` (app/health.ts): 200 while the database answers, 503 when it does not. */
function healthRoute(app: App, options: HealthOptions): HttpRoute {
  return {
    method: 'GET',
    path: '/healthz',
    handle(_req, res) {
      checkHealth(app, options).then(
        (report) => json(res, healthStatusCode(report), report),
        (err: unknown) => json(res, 500, { status: 'down', reasons: [String(err)] }),
      );
    },
  };
}
