import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import { requestIdOf, type HttpRoute } from '../app/httpServer.ts';
import { ApiError, apiErrorOf } from './apiError.ts';
import type { ApiDeps, ApiEndpoint } from './apiEndpoint.ts';
import { authenticateBearer } from './authenticateBearer.ts';
import { forecastEndpoint } from './forecastEndpoint.ts';
import { matchEndpoint } from './matchEndpoint.ts';
import { modelsEndpoint } from './modelsEndpoint.ts';
import { pricesEndpoint } from './pricesEndpoint.ts';
import { sendError, sendJson } from './sendJson.ts';

export const API_ROOT = '/api';
export const API_ENDPOINTS: readonly ApiEndpoint[] = [forecastEndpoint, pricesEndpoint, modelsEndpoint];
/** Methods the HTTP server can route besides GET: each is answered 405 under /api. */
const OTHER_METHODS: readonly Exclude<HttpRoute['method'], 'GET'>[] = ['POST'];

/**
 * The REST API under `/api`, as routes for app/httpServer.ts. A request is routed (404), its method checked (405),
 * its bearer token looked up (401, 403), its parameters read (400), then answered with the endpoint's JSON. Every
 * failure is `{"error":{"code","message"}}`; api/apiError.ts maps the project's errors to statuses.
 */
export function apiRoutes(deps: ApiDeps): HttpRoute[] {
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    answer(req, res, deps).catch((err: unknown) => {
      // Only a failure while writing the answer lands here: the socket is no use any more.
      deps.logger?.error({ err }, 'api answer could not be written');
      res.destroy();
    });
  };
  return (['GET', ...OTHER_METHODS] as const).flatMap((method) => [
    { method, path: API_ROOT, handle },
    { method, path: API_ROOT, prefix: true, handle },
  ]);
}

async function answer(req: http.IncomingMessage, res: http.ServerResponse, deps: ApiDeps): Promise<void> {
  const method = req.method ?? 'GET';
  let route = `${API_ROOT}/*`;
  // No endpoint reads a body; draining it keeps a keep-alive connection usable.
  req.resume();
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = matchEndpoint(API_ENDPOINTS, url.pathname);
    if (!match) throw new ApiError(404, 'not_found', `no endpoint at this path; the endpoints are ${API_ENDPOINTS.map((e) => `GET ${e.pattern}`).join(', ')}`);
    route = match.endpoint.pattern;
    if (method !== 'GET') throw new ApiError(405, 'method_not_allowed', `${route} answers GET only`, { allow: 'GET' });
    await authenticateBearer(req.headers.authorization, deps.store.apiTokens, match.endpoint.scope);
    sendJson(res, 200, await match.endpoint.answer({ params: match.params, query: url.searchParams }, deps));
  } catch (err) {
    const reference = requestIdOf(res) ?? randomUUID();
    const error = apiErrorOf(err, reference);
    if (error.status >= 500) deps.logger?.[error.status === 503 ? 'warn' : 'error']({ err, requestId: reference, method, route }, 'api request failed');
    sendError(res, error);
  }
}
