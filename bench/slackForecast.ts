// Signed `/forecast AAPL` slash commands against the Slack receiver at 50 concurrent connections (autocannon),
// each request freshly signed with its own user and trigger id. Prints requests/s, ack latency percentiles,
// non-2xx answers, the service's event-loop delay, and how long the follow-ups (response_url answers and chart
// uploads to a local fake Slack) took to drain. Targets: ack p99 < 250 ms, >= 500 requests/s per process.
//
// The service (harness app, bot, Bolt receiver on the service's HTTP server) runs in a child process of its own,
// so "per process" means what it says; autocannon and the fake Slack share this one. BENCH_SLACK_SECONDS sets the
// duration (default 20), BENCH_QUICK=1 runs 5 s, BENCH_CPU_PROF=DIR writes the service's CPU profile there.
// Figures only, no assertions.
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeSlackApi, signedHeaders, slashCommandBody, type FakeSlackApi } from '../test/fakes/slackApi.ts';

const SECRET = 'bench-signing-secret';
const CONNECTIONS = 50;
const SECONDS = process.env.BENCH_QUICK === '1' ? 5 : Number(process.env.BENCH_SLACK_SECONDS ?? 20);
const DRAIN_LIMIT_MS = 300_000;
const THIS_FILE = fileURLToPath(import.meta.url);

/** The part of autocannon's programmatic API used here (the package ships no types). */
interface AutocannonRequest {
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
interface AutocannonResult {
  duration: number;
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  '2xx': number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: { url: string; connections: number; duration: number; requests: AutocannonRequest[] }) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

// ---------------------------------------------------------------- the service, in its own process

interface ServiceStats {
  inFlight: number;
  loopDelayMs: { p50: number; p99: number; max: number };
}
type ToService = { type: 'resetStats' } | { type: 'stats' } | { type: 'stop' };
type FromService = { type: 'ready'; url: string } | { type: 'stats'; stats: ServiceStats };

async function serve(apiUrl: string, botToken: string): Promise<void> {
  const [{ openBotHarness }, { createSlackSurface }, { startHttpServer }, { createLogger }] = await Promise.all([
    import('../test/support/botHarness.ts'),
    import('../bot/slack/slackSurface.ts'),
    import('../app/httpServer.ts'),
    import('../app/logger.ts'),
  ]);
  const harness = await openBotHarness({ tickers: ['AAPL'] });
  const surface = createSlackSurface({ bot: harness.bot, config: { botToken, signingSecret: SECRET, appToken: null, apiUrl }, logger: createLogger('silent') });
  const server = await startHttpServer(harness.app, 0, { host: '127.0.0.1', routes: [surface.route!] });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const send = (message: FromService) => process.send!(message);
  process.on('message', (message: ToService) => {
    if (message.type === 'resetStats') loop.reset();
    if (message.type === 'stats') {
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      send({ type: 'stats', stats: { inFlight: surface.inFlight(), loopDelayMs: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) } } });
    }
    if (message.type === 'stop') {
      void (async () => {
        await surface.stop(10_000);
        await server.close();
        await harness.close();
        process.exit(0);
      })();
    }
  });
  send({ type: 'ready', url: server.url });
}

// ---------------------------------------------------------------- the load, from this process

function startService(fake: FakeSlackApi): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(THIS_FILE, ['serve', fake.apiUrl, fake.botToken], { execArgv: ['--import', 'tsx', ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_CPU_PROF] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the Slack bench service exited early (code ${code})`)));
    child.on('message', (message: FromService) => {
      if (message.type === 'ready') resolve({ child, url: message.url });
    });
  });
}

function askStats(child: ChildProcess): Promise<ServiceStats> {
  return new Promise((resolve) => {
    const listener = (message: FromService) => {
      if (message.type !== 'stats') return;
      child.off('message', listener);
      resolve(message.stats);
    };
    child.on('message', listener);
    child.send({ type: 'stats' } satisfies ToService);
  });
}

let sequence = 0;

/** A slash command as Slack would send it now: a new user, trigger id and response_url each time, freshly signed. */
function signedForecast(fake: FakeSlackApi, request: AutocannonRequest): AutocannonRequest {
  const n = ++sequence;
  const body = slashCommandBody({
    command: '/forecast',
    text: 'AAPL',
    user_id: `UBENCH${n.toString(36).toUpperCase()}`,
    user_name: `bench${n}`,
    channel_id: 'CBENCH',
    trigger_id: `bench.${process.pid}.${n}`,
    response_url: `${fake.url}/respond/bench-${n}`,
  });
  return { ...request, headers: signedHeaders(SECRET, body), body };
}

function counts(fake: FakeSlackApi): { answers: number; inChannel: number; ephemeral: number; uploads: number } {
  let answers = 0;
  let inChannel = 0;
  let uploads = 0;
  for (const call of fake.calls) {
    if (call.method === 'respond') {
      answers++;
      if (call.body.response_type === 'in_channel') inChannel++;
    } else if (call.method === 'files.completeUploadExternal') uploads++;
  }
  return { answers, inChannel, ephemeral: answers - inChannel, uploads };
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function runSlackForecastBench(): Promise<void> {
  const fake = await startFakeSlackApi({ keepFileBytes: false });
  const { child, url } = await startService(fake);
  try {
    // Warm-up: one forecast end to end, so the model path, the chart and the caches are ready before timing.
    const warm = signedForecast(fake, { method: 'POST', path: '/slack/events', headers: {}, body: '' });
    await fetch(`${url}/slack/events`, { method: 'POST', headers: warm.headers, body: warm.body });
    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 60_000);
    fake.reset();
    child.send({ type: 'resetStats' } satisfies ToService);

    console.log(`${CONNECTIONS} connections for ${SECONDS} s, signed /forecast AAPL, a new user and trigger id per request`);
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ method: 'POST', path: '/slack/events', headers: {}, body: '', setupRequest: (request) => signedForecast(fake, request) }],
    });
    const loadEnded = performance.now();
    const atEnd = counts(fake);
    const duringLoad = await askStats(child);

    // Drained: nothing acknowledged is still being worked on, and every acknowledged command got its answer.
    // (Autocannon stops counting the requests still open when time is up; the service answers those too.)
    const acked = result['2xx'];
    let drained = counts(fake);
    let service = duringLoad;
    while ((service.inFlight > 0 || drained.answers < acked) && performance.now() - loadEnded < DRAIN_LIMIT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      service = await askStats(child);
      drained = counts(fake);
    }
    const drainSeconds = (performance.now() - loadEnded) / 1000;
    const afterDrain = await askStats(child);

    const { latency } = result;
    console.log(`requests/s      ${(result.requests.total / result.duration).toFixed(0)} (autocannon mean ${result.requests.average.toFixed(0)}), ${result.requests.total} requests`);
    console.log(`ack latency     p50 ${ms(latency.p50)}, p90 ${ms(latency.p90)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (mean ${ms(latency.average)})`);
    console.log(`answers         ${acked} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
    console.log(`event loop      service p50 ${ms(duringLoad.loopDelayMs.p50)}, p99 ${ms(duringLoad.loopDelayMs.p99)}, max ${ms(duringLoad.loopDelayMs.max)} during the load`);
    console.log(`follow-ups      ${atEnd.answers} answers and ${atEnd.uploads} charts had reached Slack when the load stopped`);
    console.log(
      `drained         ${drained.answers}/${acked} answers (${drained.inChannel} forecasts, ${drained.ephemeral} ephemeral: busy, rate-limited or failed), ${drained.uploads} charts, ` +
        `${drainSeconds.toFixed(1)} s after the load; ${afterDrain.inFlight} still in flight`,
    );
    const finished = drained.answers / ((performance.now() - loadEnded) / 1000 + SECONDS);
    console.log(`follow-up rate  ${finished.toFixed(0)} answered commands/s overall (the ack rate minus this is the backlog's growth)`);
    const meets = latency.p99 < 250 && result.requests.total / result.duration >= 500;
    console.log(`targets         ack p99 < 250 ms and >= 500 req/s: ${meets ? 'met' : 'NOT met'}`);
  } finally {
    child.send({ type: 'stop' } satisfies ToService);
    await new Promise((resolve) => child.once('exit', resolve));
    await fake.close();
  }
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url && process.argv[2] === 'serve') {
  await serve(process.argv[3]!, process.argv[4]!);
}
