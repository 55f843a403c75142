import http from 'node:http';
import { sql } from 'drizzle-orm';
import type { App } from './wiring.ts';
import { UserError } from '../core/errors.ts';

/**
 * The service's HTTP server: `/healthz` and whatever routes the surfaces mount (the Slack receiver at
 * `/slack/events`, Discord interactions at `/discord/interactions`, …), all on one port.
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

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function health(app: App): Promise<{ status: 'ok' | 'degraded'; database: { engine: string; ok: boolean; error?: string } }> {
  try {
    await app.database.rows(sql`select 1`);
    return { status: 'ok', database: { engine: app.database.engine, ok: true } };
  } catch (err) {
    return { status: 'degraded', database: { engine: app.database.engine, ok: false, error: (err as Error).message } };
  }
}

export async function startHttpServer(app: App, port: number, options: { host?: string; routes?: readonly HttpRoute[] } = {}): Promise<HttpServer> {
  const routes = options.routes ?? [];
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' && path === '/healthz') {
      health(app).then((body) => json(res, body.status === 'ok' ? 200 : 503, body), (err: unknown) => json(res, 500, { error: String(err) }));
      return;
    }
    const route = routes.find((r) => r.method === req.method && (r.path === path || (r.prefix === true && path.startsWith(`${r.path}/`))));
    if (route) {
      route.handle(req, res);
      return;
    }
    json(res, 404, { error: { code: 'not_found', message: `no route for ${req.method} ${path}` } });
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
