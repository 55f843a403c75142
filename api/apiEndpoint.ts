import type { Logger } from '../app/logger.ts';
import type { ApiScope } from '../core/apiTokens.ts';
import type { Forecast } from '../core/forecast.ts';
import type { Store } from '../core/ports.ts';

/** What the API needs from the service. */
export interface ApiDeps {
  store: Store;
  /** The chat's memoised forecast (app/botServices.ts), so the API and chat share one cache. */
  forecast(ticker: string, horizon: number): Promise<Forecast>;
  logger?: Logger;
}

/** A request as an endpoint sees it: already routed and authenticated. */
export interface ApiRequest {
  /** Path parameters, raw (still percent-encoded), by name. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
}

/** One GET endpoint: its path pattern, the scope it needs, and the data it answers with. */
export interface ApiEndpoint {
  /** e.g. `/api/forecast/:ticker`; also the route name in logs and metrics. */
  pattern: string;
  scope: ApiScope;
  answer(request: ApiRequest, deps: ApiDeps): Promise<unknown>;
}
