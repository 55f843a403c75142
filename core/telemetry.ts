/**
 * What the product reports about itself while it works. The core and the adapters call these; app/metrics.ts
 * turns them into Prometheus series. `NO_TELEMETRY` is the default wherever none is wired (the command line, tests).
 */
export interface Telemetry {
  /** A chat command answered (or refused) on a surface: `outcome` is `ok`, `user_error` or `error`. */
  commandFinished(surface: string, command: string, outcome: 'ok' | 'user_error' | 'error', seconds: number): void;
  /** An HTTP request answered; `route` is the route's pattern, never the raw path. */
  httpFinished(route: string, method: string, status: number, seconds: number): void;
  /** A scheduled job run ended. */
  jobFinished(job: string, state: 'succeeded' | 'failed' | 'skipped' | 'interrupted', seconds: number): void;
  /** Bars written by an ingestion (added + updated). */
  barsIngested(ticker: string, interval: string, count: number): void;
  /** An outbox delivery attempt ended: `outcome` is `sent`, `retry` or `failed`. */
  deliveryFinished(surface: string, kind: string, outcome: 'sent' | 'retry' | 'failed'): void;
  /** A report rendered (or failed to). */
  reportRendered(outcome: 'rendered' | 'failed', seconds: number, pages: number | null): void;
}

export const NO_TELEMETRY: Telemetry = {
  commandFinished() {},
  httpFinished() {},
  jobFinished() {},
  barsIngested() {},
  deliveryFinished() {},
  reportRendered() {},
};
