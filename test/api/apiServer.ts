import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { apiRoutes } from '../../api/apiRoutes.ts';
import { createBotServices } from '../../app/botServices.ts';
import { loadConfig } from '../../app/config.ts';
import { startHttpServer, type HttpServer } from '../../app/httpServer.ts';
import { createLogger } from '../../app/logger.ts';
import { reportRoutes } from '../../app/reportRoutes.ts';
import { createApp, type App } from '../../app/wiring.ts';
import { issueApiToken, type ApiScope } from '../../core/apiTokens.ts';
import { ENGINES, openTestDatabase, type TestEngine } from '../support/engines.ts';
import { ingestSharedOrClose } from '../support/ingestShared.ts';

export interface ApiServer {
  app: App;
  /** The chat's services over the same app: the API was handed their `forecast`. */
  services: ReturnType<typeof createBotServices>;
  server: HttpServer;
  url: string;
  /** Log lines the service wrote (JSON objects), to check what a failure left in the log. */
  logLines: Record<string, unknown>[];
  /** A fresh token with these scopes, made the way `tickcast token create` makes one. */
  token(scopes?: ApiScope[]): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real service for API tests: a migrated database (in-memory on `engine`, or the data folder's own when `dataDir`
 * is given), the shared daily bars of `tickers` loaded through the ingest pipeline, and the HTTP server with the API
 * and the report routes mounted, on a free port of 127.0.0.1.
 */
export async function openApiServer(options: { engine?: TestEngine; tickers?: string[]; dataDir?: string } = {}): Promise<ApiServer> {
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-api-'));
  const logLines: Record<string, unknown>[] = [];
  const logSink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const config = loadConfig({ TICKCAST_DATA_DIR: dataDir }, dataDir);
  const database = ownDir ? await openTestDatabase(options.engine ?? ENGINES[0]!) : undefined;
  const app = await createApp(config, createLogger('warn', logSink), database ? { database } : {});
  await ingestSharedOrClose(app, options.tickers ?? []);
  const services = createBotServices(app);
  const routes = [...apiRoutes({ store: app.store, forecast: services.forecast, logger: app.logger }), ...reportRoutes(app.store.reports, dataDir)];
  const server = await startHttpServer(app, 0, { host: '127.0.0.1', routes });
  return {
    app,
    services,
    server,
    url: server.url,
    logLines,
    token: async (scopes = ['read']) => (await issueApiToken(app.store.apiTokens, { name: 'test', scopes, createdBy: 'test' })).token,
    close: async () => {
      await server.close();
      await app.close();
      if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** GET (or another method) with an optional bearer token; the body parsed as JSON. */
export async function call(url: string, options: { token?: string; authorization?: string; method?: string } = {}): Promise<JsonAnswer> {
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  const response = await fetch(url, { method: options.method ?? 'GET', headers: authorization ? { authorization } : {} });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
}

/** The error document of a failed answer, checked for its one shape. */
export function errorOf(answer: JsonAnswer): { code: string; message: string } {
  const body = answer.body as { error?: { code?: unknown; message?: unknown } };
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || Object.keys(body).length !== 1) {
    throw new Error(`not an error document: ${JSON.stringify(answer.body)}`);
  }
  return { code: body.error.code, message: body.error.message };
}
