// The whole service under chat load: `tickcast start` (role all) in a process of its own, over an embedded database
// holding the 11 shared daily series (loaded first with `tickcast ingest --source csv:…`, so the first run, which
// seeds and trains only an empty database, does nothing), its Slack surface pointed at the local fake Slack API.
// Each command is a signed slash command from its own user with its own trigger id, so neither the replay guard nor
// the per-person budgets refuse any; the mix is forecasts, prices, alert and model listings, help and the latest
// report. The ack is immediate; the answer comes afterwards as a POST to the command's response_url, which names
// the command (`<fake>/respond/bench-<n>`), so each answer is matched to its request.
//
// 1. The measurement (closed loop): 50 virtual users for 60 s, each sending a command and waiting for ITS answer
//    (at most 30 s) before sending its next, which is what "50 concurrent chat commands" means. Prints commands
//    completed and per second, answer latency (request sent to its response_url post received) and ack latency
//    percentiles, the errors (non-2xx acks, transport errors, timeouts, answers carrying an error), the service's
//    own tickcast_command_duration_seconds per command over that phase, its memory and what it logged.
// 2. Stress (open loop), after it on the same process: 50 autocannon connections sending the next command as soon
//    as the last is acked, far more than the answers can keep up with, so the bot's bounded queue fills and answers
//    "busy"; the same figures, with the busy count. BENCH_SERVICE_OPEN=0 skips it (it adds the load's 60 s and a
//    drain of a few minutes).
//
// Schedules are off (the scheduled ingests read Yahoo, which a bench cannot reach); the scheduler and the outbox
// worker still run. BENCH_SERVICE_SECONDS sets each phase's duration (default 60), BENCH_QUICK=1 runs 10 s,
// BENCH_SERVICE_USERS the virtual users (default 50), BENCH_SERVICE_RATE=N paces the open loop at N commands a
// second in all, BENCH_CHAMPION=1 trains a small LSTM champion first (untimed) so forecasts use the model instead
// of the random walk. Figures only, no assertions.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../app/config.ts';
import { createLogger } from '../app/logger.ts';
import { createApp } from '../app/wiring.ts';
import { startFakeSlackApi, type FakeSlackApi, type RecordedSlackCall } from '../test/fakes/slackApi.ts';
import { runCli } from '../test/support/cli.ts';
import { DAILY_DIR, dailyTickers } from '../test/support/sharedData.ts';
import { startServiceProcess, type ServiceProcess } from './serviceProcess.ts';
import { trainSmallChampion } from './smallChampion.ts';
import { commandQuantiles, countsByCommand, metric, parseMetrics, samplesSince, type Samples } from './metricsText.ts';
import { autocannon, duration, machineLoad, mb, ms, quantile, signedSlash, SLACK_EVENTS_REQUEST, type AutocannonRequest, type AutocannonResult } from './slackLoad.ts';

const SECRET = 'bench-signing-secret';
const CONNECTIONS = 50;
/** Virtual users of the closed loop, each with one command in flight at a time. */
const USERS = Number(process.env.BENCH_SERVICE_USERS ?? 50);
/** How long a closed-loop command may take, ack and answer, before it counts as timed out. */
const COMMAND_TIMEOUT_MS = 30_000;
/** Run the open-loop stress after the measurement. */
const OPEN_LOOP = process.env.BENCH_SERVICE_OPEN !== '0';
const SECONDS = process.env.BENCH_QUICK === '1' ? 10 : Number(process.env.BENCH_SERVICE_SECONDS ?? 60);
/** Open loop: commands a second over all connections; unset, each connection sends its next command as soon as one is acked. */
const RATE = process.env.BENCH_SERVICE_RATE ? Number(process.env.BENCH_SERVICE_RATE) : undefined;
/** How long answers may keep coming after the load stops, and how long with none coming before giving up. */
const DRAIN_LIMIT_MS = 300_000;
const DRAIN_STALL_MS = 30_000;
/** Warm-up commands are numbered from here, the open loop's from OPEN_LOOP_IDS, clear of the closed loop's 1, 2, 3, … */
const WARM_UP_IDS = 1e9;
const OPEN_LOOP_IDS = 1e8;
const SCHEDULES = ['INGEST_DAILY', 'INGEST_INTRADAY', 'FORECAST', 'RETRAIN', 'REPORT', 'RETENTION', 'HOUSEKEEPING'];

/** The commands sent, in turn: what people ask most (forecasts, prices) more often. */
const MIX: readonly { command: string; text: string }[] = [
  { command: '/forecast', text: 'AAPL' },
  { command: '/tickcast', text: 'price TSLA' },
  { command: '/forecast', text: 'MSFT 3' },
  { command: '/alert', text: 'list' },
  { command: '/forecast', text: 'NVDA' },
  { command: '/tickcast', text: 'help' },
  { command: '/tickcast', text: 'forecast KO 1' },
  { command: '/model', text: 'status' },
  { command: '/tickcast', text: 'price JPM' },
  { command: '/report', text: '' },
];
const labelOf = (entry: (typeof MIX)[number]) => `${entry.command} ${entry.text}`.trim();

// ---------------------------------------------------------------- answers, as they reach the fake Slack

interface Answer {
  at: number;
  /** The error an answer carried (its text after `:no_entry:`), null for a proper answer. */
  error: string | null;
}

/** The error an answer carries, if it is one: error results and failures are rendered as a `:no_entry:` section. */
function errorIn(body: Record<string, unknown>): string | null {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as { text?: { text?: unknown } }[]) : [];
  const first = blocks[0]?.text?.text;
  return typeof first === 'string' && first.startsWith(':no_entry:') ? first.slice(':no_entry:'.length).trim() : null;
}

/** An interim note of a long command (shown with an hourglass) is not the answer. */
const isProgress = (body: Record<string, unknown>) => JSON.stringify(body.blocks ?? '').includes(':hourglass');

/**
 * Times each answer at the moment the fake records it: the fake re-runs its waiters' checks synchronously after
 * every call it receives, so a check that never holds sees each call as it lands. `answer(id)` waits for one
 * command's answer. `stop` posts one last call so that check ends (and its timer with it).
 */
function watchAnswers(fake: FakeSlackApi) {
  const answers = new Map<string, Answer>();
  const waiting = new Map<string, (answer: Answer) => void>();
  const tally = { uploads: 0, ephemeral: 0 };
  let seen = 0;
  let stopping = false;
  const check = (calls: readonly RecordedSlackCall[]) => {
    const now = performance.now();
    for (; seen < calls.length; seen++) {
      const call = calls[seen]!;
      if (call.method === 'respond' && call.responseId && !answers.has(call.responseId) && !isProgress(call.body)) {
        const answer = { at: now, error: errorIn(call.body) };
        answers.set(call.responseId, answer);
        waiting.get(call.responseId)?.(answer);
      } else if (call.method === 'files.completeUploadExternal') tally.uploads++;
      else if (call.method === 'chat.postEphemeral') tally.ephemeral++;
    }
    return stopping;
  };
  const watching = fake.waitFor(check, 24 * 3600_000);
  return {
    answers,
    tally,
    /** The answer to the command whose response_url ends in `id`, once it arrives; null if none within `timeoutMs`. */
    answer(id: string, timeoutMs: number): Promise<Answer | null> {
      const known = answers.get(id);
      if (known) return Promise.resolve(known);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          resolve(null);
        }, Math.max(0, timeoutMs));
        waiting.set(id, (answer) => {
          clearTimeout(timer);
          waiting.delete(id);
          resolve(answer);
        });
      });
    },
    async stop() {
      stopping = true;
      await fetch(`${fake.url}/respond/bench-stop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await watching;
    },
  };
}

// ---------------------------------------------------------------- setup

async function loadSharedData(dataDir: string): Promise<void> {
  const started = performance.now();
  const result = await runCli(['ingest', '--source', `csv:${DAILY_DIR}`], { TICKCAST_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  if (result.code !== 0) throw new Error(`tickcast ingest failed (exit ${result.code}): ${result.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  const summary = result.stdout.trim().split('\n').at(-1);
  console.log(`setup           tickcast ingest --source csv:…/daily in ${((performance.now() - started) / 1000).toFixed(1)} s: ${summary}`);
}

async function trainChampion(dataDir: string, tickers: string[]): Promise<void> {
  const env = { TICKCAST_DATA_DIR: dataDir, LOG_LEVEL: 'silent', TICKCAST_TF_BACKEND: process.env.TICKCAST_TF_BACKEND };
  const config = loadConfig(env);
  const app = await createApp(config, createLogger(config.log.level));
  try {
    const trained = await trainSmallChampion(app, tickers, 'service-chat bench');
    if (trained) console.log(`setup           ${trained} (not timed)`);
  } finally {
    await app.close();
  }
}

function serviceEnv(dataDir: string, fake: FakeSlackApi, tickers: string[]): Record<string, string> {
  const env: Record<string, string> = {
    TICKCAST_ROLE: 'all',
    TICKCAST_DATA_DIR: dataDir,
    PORT: '0',
    LOG_LEVEL: 'warn',
    TICKCAST_TICKERS: tickers.join(','),
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  };
  for (const schedule of SCHEDULES) env[`TICKCAST_SCHEDULE_${schedule}`] = 'off';
  for (const passed of ['PUPPETEER_EXECUTABLE_PATH', 'TICKCAST_TF_BACKEND']) if (process.env[passed]) env[passed] = process.env[passed]!;
  return env;
}

// ---------------------------------------------------------------- the load

interface Sent {
  label: string;
  at: number;
}

async function warmUp(service: ServiceProcess, fake: FakeSlackApi, watcher: ReturnType<typeof watchAnswers>): Promise<void> {
  const started = performance.now();
  const ids: string[] = [];
  for (const [index, entry] of MIX.entries()) {
    const signed = signedSlash(fake, SECRET, WARM_UP_IDS + index, entry.command, entry.text, 'CWARM');
    ids.push(signed.responseId);
    await fetch(`${service.url}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  }
  await fake.waitFor(() => ids.every((id) => watcher.answers.has(id)), 120_000);
  const failed = ids.filter((id) => watcher.answers.get(id)!.error);
  console.log(`warm-up         one of each of the ${MIX.length} commands answered in ${((performance.now() - started) / 1000).toFixed(1)} s${failed.length ? `; ${failed.length} with an error: ${failed.map((id) => watcher.answers.get(id)!.error).join(' | ')}` : ''}`);
}

async function drain(sent: Map<string, Sent>, watcher: ReturnType<typeof watchAnswers>, loadEnded: number): Promise<number> {
  const answered = () => [...sent.keys()].filter((id) => watcher.answers.has(id)).length;
  let last = answered();
  let lastProgress = performance.now();
  while (last < sent.size && performance.now() - loadEnded < DRAIN_LIMIT_MS && performance.now() - lastProgress < DRAIN_STALL_MS) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = answered();
    if (now > last) lastProgress = performance.now();
    last = now;
  }
  return (performance.now() - loadEnded) / 1000;
}

function printLoad(result: AutocannonResult, sent: number): void {
  const { latency } = result;
  console.log(`requests/s      ${(result.requests.total / result.duration).toFixed(0)} (autocannon mean ${result.requests.average.toFixed(0)}), ${result.requests.total} requests completed, ${sent} sent`);
  console.log(`ack latency     p50 ${ms(latency.p50)}, p90 ${ms(latency.p90)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (mean ${ms(latency.average)})`);
  console.log(`acks            ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
}

interface CommandRow {
  sent: number;
  answered: number;
  errors: number;
  /** Request to answer, for answers that were not errors. */
  answeredOk: number[];
}

const percentiles = (sorted: readonly number[]) => [0.5, 0.9, 0.99].map((q) => duration(quantile(sorted, q)));

function printAnswers(sent: Map<string, Sent>, watcher: ReturnType<typeof watchAnswers>, drainSeconds: number, samples: Samples): number {
  const all: number[] = [];
  const ok: number[] = [];
  const perCommand = new Map<string, CommandRow>();
  const errorTexts = new Map<string, number>();
  let errors = 0;
  for (const [id, request] of sent) {
    const row = perCommand.get(request.label) ?? { sent: 0, answered: 0, errors: 0, answeredOk: [] };
    perCommand.set(request.label, row);
    row.sent++;
    const answer = watcher.answers.get(id);
    if (!answer) continue;
    const latency = answer.at - request.at;
    row.answered++;
    all.push(latency);
    if (answer.error) {
      errors++;
      row.errors++;
      const text = answer.error.replace(/\d+/g, 'N').slice(0, 120);
      errorTexts.set(text, (errorTexts.get(text) ?? 0) + 1);
    } else {
      ok.push(latency);
      row.answeredOk.push(latency);
    }
  }
  all.sort((a, b) => a - b);
  ok.sort((a, b) => a - b);
  const missing = sent.size - all.length;
  const { uploads, ephemeral } = watcher.tally;
  console.log(
    `end to end      ${all.length}/${sent.size} answered (the last ${drainSeconds.toFixed(1)} s after the load stopped${missing ? `; ${missing} NEVER answered` : ''}), ` +
      `${errors} answers carrying an error; ${uploads} files posted, ${ephemeral} chat.postEphemeral fallbacks`,
  );
  const line = (sorted: readonly number[]) => {
    const [p50, p90, p99] = percentiles(sorted);
    return `p50 ${p50}, p90 ${p90}, p99 ${p99}, max ${duration(sorted.at(-1) ?? Number.NaN)}`;
  };
  console.log(`answer latency  all ${all.length}: ${line(all)} (request sent to its response_url post received)`);
  console.log(`                without error ${ok.length}: ${line(ok)}`);
  console.log(`per command     ${'sent'.padStart(17)} ${'answered'.padStart(8)} ${'errors'.padStart(7)}  ${'p50 / p90 / p99 without error'.padEnd(29)}   /metrics tickcast_command_duration_seconds p50 / p90 / p99 (count)`);
  for (const [label, row] of perCommand) {
    const own = percentiles(row.answeredOk.sort((a, b) => a - b)).map((value) => value.padStart(9)).join(' ');
    const path = commandPath(MIX.find((candidate) => labelOf(candidate) === label)!);
    const histogram = commandQuantiles(samples, path, [0.5, 0.9, 0.99]);
    console.log(`  ${label.padEnd(22)} ${String(row.sent).padStart(6)} ${String(row.answered).padStart(8)} ${String(row.errors).padStart(7)}  ${own}   ${path.padEnd(12)} ${histogram.values.map((v) => v.padStart(9)).join(' ')} (${histogram.count})`);
  }
  const inMix = new Set(MIX.map(commandPath));
  for (const [command, outcomes] of countsByCommand(samples)) {
    if (inMix.has(command)) continue;
    const histogram = commandQuantiles(samples, command, [0.5, 0.9, 0.99]);
    const split = Object.entries(outcomes).map(([outcome, count]) => `${count} ${outcome}`).join(', ');
    console.log(`  ${'(not in the mix)'.padEnd(22)} ${''.padStart(6)} ${''.padStart(8)} ${''.padStart(7)}  ${''.padEnd(29)}   ${command.padEnd(12)} ${histogram.values.map((v) => v.padStart(9)).join(' ')} (${split})`);
  }
  if (errorTexts.size > 0) {
    console.log('error answers   (digits as N)');
    for (const [text, count] of [...errorTexts].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${String(count).padStart(6)} × ${text}`);
  }
  return errors;
}

/** The command path the service's metrics label a mix entry with: `/forecast AAPL` → `forecast`, `/tickcast price X` → `price`. */
function commandPath(entry: (typeof MIX)[number]): string {
  const name = entry.command.slice(1);
  const words = (name === 'tickcast' ? entry.text : `${name} ${entry.text}`).trim().split(/\s+/);
  return ['alert', 'model'].includes(words[0]!) ? words.slice(0, 2).join(' ') : words[0]!;
}

export async function runServiceChatLoadBench(): Promise<void> {
  const tickers = dailyTickers();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bench-service-'));
  const dataDir = path.join(root, 'data');
  const fake = await startFakeSlackApi({ keepFileBytes: false });
  const watcher = watchAnswers(fake);
  let service: ServiceProcess | null = null;
  try {
    console.log(`tickcast start (role all, PGlite) with ${tickers.length} tickers (${tickers.join(', ')}); ${machineLoad()}`);
    await loadSharedData(dataDir);
    if (process.env.BENCH_CHAMPION === '1') await trainChampion(dataDir, tickers);
    else console.log('setup           no champion: forecasts are the random walk (BENCH_CHAMPION=1 trains a small LSTM first)');
    const starting = performance.now();
    service = await startServiceProcess(serviceEnv(dataDir, fake, tickers));
    const firstRunLines = service.stdout().split('\n').filter((line) => line.startsWith('First run'));
    console.log(`service         ready in ${((performance.now() - starting) / 1000).toFixed(1)} s at ${service.url} (pid ${service.pid})${firstRunLines.length ? '; FIRST RUN RAN' : '; no first run (data present)'}`);
    await warmUp(service, fake, watcher);

    const sent = new Map<string, Sent>();
    let sequence = 0;
    const next = (request: AutocannonRequest): AutocannonRequest => {
      const n = ++sequence;
      const entry = MIX[n % MIX.length]!;
      const signed = signedSlash(fake, SECRET, n, entry.command, entry.text);
      sent.set(signed.responseId, { label: labelOf(entry), at: performance.now() });
      return { ...request, headers: signed.headers, body: signed.body };
    };
    const pace = RATE ? `paced at ${RATE} commands/s` : 'unpaced (the next command as soon as the last is acked)';
    console.log(`load            ${CONNECTIONS} connections for ${SECONDS} s, ${pace}: ${MIX.map(labelOf).join(', ')} in turn, a new user and trigger id per request; ${machineLoad()}`);
    const result = await autocannon({ url: service.url, connections: CONNECTIONS, duration: SECONDS, ...(RATE ? { overallRate: RATE } : {}), requests: [{ ...SLACK_EVENTS_REQUEST, setupRequest: next }] });
    const loadEnded = performance.now();
    const rssAtLoadEnd = service.rss();
    const answeredDuringLoad = [...sent.keys()].filter((id) => watcher.answers.has(id)).length;
    printLoad(result, sent.size);
    console.log(`during the load ${answeredDuringLoad} answers arrived (${(answeredDuringLoad / result.duration).toFixed(0)}/s); ${machineLoad()}`);
    const drainSeconds = await drain(sent, watcher, loadEnded);

    const metricsText = await (await fetch(`${service.url}/metrics`)).text();
    const samples = parseMetrics(metricsText);
    const errors = printAnswers(sent, watcher, drainSeconds, samples);
    const rss = metric(samples, 'process_resident_memory_bytes');
    const heap = metric(samples, 'nodejs_heap_size_used_bytes');
    const lag = metric(samples, 'nodejs_eventloop_lag_p99_seconds');
    const peak = service.peakRss();
    const bytes = (value: number | null) => (value === null ? 'n/a' : mb(value));
    console.log(`service memory  RSS ${bytes(rssAtLoadEnd)} when the load stopped, ${bytes(rss)} once drained (peak ${bytes(peak)}, heap used ${bytes(heap)})`);
    console.log(`service loop    event-loop lag p99 ${lag === null ? 'n/a' : ms(lag * 1000)} (prom-client's, over the whole run: /metrics was not read before)`);
    const [counts, ...messages] = service.logs.lines();
    console.log(`service logs    ${counts}`);
    for (const line of messages) console.log(line);
    console.log(`target          zero errors: ${errors === 0 && result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && sent.size === [...sent.keys()].filter((id) => watcher.answers.has(id)).length ? 'met' : 'NOT met'}; ${machineLoad()}`);
  } finally {
    if (service) {
      const stopped = await service.stop();
      console.log(`shutdown        SIGTERM to exit in ${stopped.seconds.toFixed(1)} s (exit code ${stopped.code})`);
    }
    await watcher.stop();
    await fake.close();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
