// What the Slack load benchmarks share: autocannon's programmatic API (the package ships no types), slash commands
// signed the way Slack signs them, and the way figures are printed.
import os from 'node:os';
import { createRequire } from 'node:module';
import { signedHeaders, slashCommandBody, type FakeSlackApi } from '../test/fakes/slackApi.ts';

/** The part of autocannon's programmatic API the benchmarks use. */
export interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
}
interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}
export interface AutocannonResult {
  duration: number;
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  '2xx': number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; overallRate?: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;

export const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** A POST to the Slack receiver whose headers and body `setupRequest` fills in for each request. */
export const SLACK_EVENTS_REQUEST: AutocannonRequest = { method: 'POST', path: '/slack/events', headers: {}, body: '' };

export interface SignedSlash {
  headers: Record<string, string>;
  body: string;
  /** The id in the command's response_url (`<fake>/respond/<id>`): where its answer will arrive. */
  responseId: string;
}

/**
 * Slash command number `n` as Slack would send it now: its own user, trigger id and response_url, freshly signed,
 * so neither the replay guard nor a person's rate-limit budget refuses it.
 */
export function signedSlash(fake: FakeSlackApi, secret: string, n: number, command: string, text: string, channelId = 'CBENCH'): SignedSlash {
  const responseId = `bench-${n}`;
  const body = slashCommandBody({
    command,
    text,
    user_id: `UBENCH${n.toString(36).toUpperCase()}`,
    user_name: `bench${n}`,
    channel_id: channelId,
    trigger_id: `bench.${process.pid}.${n}`,
    response_url: `${fake.url}/respond/${responseId}`,
  });
  return { headers: signedHeaders(secret, body), body, responseId };
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
/** Milliseconds, as seconds once they reach ten of them. */
export const duration = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : ms(value));
export const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

/** The value at fraction `q` (0..1) of values sorted ascending, nearest rank; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** The machine's load: on a small shared machine, other work moves these figures more than anything measured. */
export const machineLoad = () => `load average ${os.loadavg().map((value) => value.toFixed(1)).join(' / ')} (1/5/15 min) on ${os.cpus().length} cores`;
