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
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startFakeSlackApi, type FakeSlackApi } from '../test/fakes/slackApi.ts';
import { autocannon, ms, signedSlash, SLACK_EVENTS_REQUEST, type AutocannonRequest } from './slackLoad.ts';

const SECRET = 'bench-signing-secret';
const CONNECTIONS = 50;
const SECONDS = process.env.BENCH_QUICK === '1' ? 5 : Number(process.env.BENCH_SLACK_SECONDS ?? 20);
const DRAIN_LIMIT_MS = 300_000;
const THIS_FILE = fileURLToPath(import.meta.url);

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

/** `/forecast AAPL` from a new user with a new trigger id and response_url each time, freshly signed. */
function signedForecast(fake: FakeSlackApi, request: AutocannonRequest): AutocannonRequest {
  const { headers, body } = signedSlash(fake, SECRET, ++sequence, '/forecast', 'AAPL');
  return { ...request, headers, body };
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

export async function runSlackForecastBench(): Promise<void> {
  const fake = await startFakeSlackApi({ keepFileBytes: false });
  const { child, url } = await startService(fake);
  try {
    // Warm-up: one forecast end to end, so the model path, the chart and the caches are ready before timing.
    const warm = signedForecast(fake, SLACK_EVENTS_REQUEST);
    await fetch(`${url}/slack/events`, { method: 'POST', headers: warm.headers, body: warm.body });
    await fake.waitFor((calls) => calls.some((c) => c.method === 'files.completeUploadExternal'), 60_000);
    fake.reset();
    child.send({ type: 'resetStats' } satisfies ToService);

    console.log(`${CONNECTIONS} connections for ${SECONDS} s, signed /forecast AAPL, a new user and trigger id per request`);
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: [{ ...SLACK_EVENTS_REQUEST, setupRequest: (request) => signedForecast(fake, request) }],
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
