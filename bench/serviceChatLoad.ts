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
/** How long Slack waits for a slash command's ack. */
const SLACK_ACK_DEADLINE_MS = 3000;
/** The closed loop's p99s are also shown per window of this many seconds. */
const WINDOW_SECONDS = 10;
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

type Watcher = ReturnType<typeof watchAnswers>;

/** One command as the report sees it: what was asked, when it was sent, and its answer if that came (in time). */
interface Outcome {
  label: string;
  at: number;
  answer: Answer | undefined;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));
const seconds = (since: number) => (performance.now() - since) / 1000;

async function warmUp(service: ServiceProcess, fake: FakeSlackApi, watcher: Watcher): Promise<void> {
  const started = performance.now();
  const ids: string[] = [];
  for (const [index, entry] of MIX.entries()) {
    const signed = signedSlash(fake, SECRET, WARM_UP_IDS + index, entry.command, entry.text, 'CWARM');
    ids.push(signed.responseId);
    await fetch(`${service.url}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body });
  }
  await fake.waitFor(() => ids.every((id) => watcher.answers.has(id)), 120_000);
  const failed = ids.filter((id) => watcher.answers.get(id)!.error);
  console.log(`warm-up         one of each of the ${MIX.length} commands answered in ${seconds(started).toFixed(1)} s${failed.length ? `; ${failed.length} with an error: ${failed.map((id) => watcher.answers.get(id)!.error).join(' | ')}` : ''}`);
}

const percentiles = (sorted: readonly number[]) => [0.5, 0.9, 0.99].map((q) => duration(quantile(sorted, q)));
/** p50, p90, p99 and max of latencies in milliseconds (sorted here). */
function latencyLine(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const [p50, p90, p99] = percentiles(sorted);
  return `p50 ${p50}, p90 ${p90}, p99 ${p99}, max ${duration(sorted.at(-1) ?? Number.NaN)}`;
}

interface CommandRow {
  sent: number;
  answered: number;
  errors: number;
  /** Request to answer, for answers that were not errors. */
  answeredOk: number[];
}

/** The command path the service's metrics label a mix entry with: `/forecast AAPL` → `forecast`, `/tickcast price X` → `price`. */
function commandPath(entry: (typeof MIX)[number]): string {
  const name = entry.command.slice(1);
  const words = (name === 'tickcast' ? entry.text : `${name} ${entry.text}`).trim().split(/\s+/);
  return ['alert', 'model'].includes(words[0]!) ? words.slice(0, 2).join(' ') : words[0]!;
}

/**
 * Per command of the mix: sent, answered, answers carrying an error, none (no answer: a refused ack, a transport
 * error, a timeout, never answered), our own latency percentiles of the answers without error, and the service's
 * histogram over the same phase; then the commands the service counted that are not in the mix.
 */
function printPerCommand(outcomes: readonly Outcome[], samples: Samples): void {
  const perCommand = new Map<string, CommandRow>();
  for (const entry of MIX) perCommand.set(labelOf(entry), { sent: 0, answered: 0, errors: 0, answeredOk: [] });
  for (const outcome of outcomes) {
    const row = perCommand.get(outcome.label)!;
    row.sent++;
    if (!outcome.answer) continue;
    row.answered++;
    if (outcome.answer.error) row.errors++;
    else row.answeredOk.push(outcome.answer.at - outcome.at);
  }
  console.log(`per command     ${'sent'.padStart(19)} ${'answered'.padStart(8)} ${'errors'.padStart(7)} ${'none'.padStart(5)}  ${'p50 / p90 / p99 without error'.padEnd(29)}   /metrics tickcast_command_duration_seconds p50 / p90 / p99 (count)`);
  for (const [label, row] of perCommand) {
    const own = percentiles(row.answeredOk.sort((a, b) => a - b)).map((value) => value.padStart(9)).join(' ');
    const path = commandPath(MIX.find((candidate) => labelOf(candidate) === label)!);
    const histogram = commandQuantiles(samples, path, [0.5, 0.9, 0.99]);
    console.log(`  ${label.padEnd(24)} ${String(row.sent).padStart(6)} ${String(row.answered).padStart(8)} ${String(row.errors).padStart(7)} ${String(row.sent - row.answered).padStart(5)}  ${own}   ${path.padEnd(12)} ${histogram.values.map((v) => v.padStart(9)).join(' ')} (${histogram.count})`);
  }
  const inMix = new Set(MIX.map(commandPath));
  for (const [command, outcomes] of countsByCommand(samples)) {
    if (inMix.has(command) || Object.values(outcomes).every((count) => count === 0)) continue;
    const histogram = commandQuantiles(samples, command, [0.5, 0.9, 0.99]);
    const split = Object.entries(outcomes).map(([outcome, count]) => `${count} ${outcome}`).join(', ');
    console.log(`  ${'(not in the mix)'.padEnd(24)} ${''.padStart(6)} ${''.padStart(8)} ${''.padStart(7)} ${''.padStart(5)}  ${''.padEnd(29)}   ${command.padEnd(12)} ${histogram.values.map((v) => v.padStart(9)).join(' ')} (${split})`);
  }
}

/** The errors answers carried, digits as N, most frequent first, with the commands that got them. */
function printErrorTexts(outcomes: readonly Outcome[]): void {
  const texts = new Map<string, { count: number; labels: Map<string, number> }>();
  for (const outcome of outcomes) {
    if (!outcome.answer?.error) continue;
    const text = outcome.answer.error.replace(/\d+/g, 'N').slice(0, 160);
    const entry = texts.get(text) ?? { count: 0, labels: new Map<string, number>() };
    entry.count++;
    entry.labels.set(outcome.label, (entry.labels.get(outcome.label) ?? 0) + 1);
    texts.set(text, entry);
  }
  if (texts.size === 0) return;
  console.log('error answers   (digits as N)');
  for (const [text, { count, labels }] of [...texts].sort((a, b) => b[1].count - a[1].count).slice(0, 8)) {
    console.log(`  ${String(count).padStart(6)} × ${text}`);
    console.log(`           from ${[...labels].map(([label, n]) => `${label} ×${n}`).join(', ')}`);
  }
}

const bytes = (value: number | null) => (value === null ? 'n/a' : mb(value));
/** What /metrics says now, and the command histogram's gain since `before`. */
async function scrape(service: ServiceProcess, before: Samples | null): Promise<{ all: Samples; commands: Samples }> {
  const all = parseMetrics(await (await fetch(`${service.url}/metrics`)).text());
  return { all, commands: before ? samplesSince(all, before, 'tickcast_command_duration_seconds') : all };
}

// ---------------------------------------------------------------- 1. the measurement: a closed loop

interface ClosedCommand extends Outcome {
  /** Request sent to its ack received; null when no ack came. */
  ackMs: number | null;
  /** Why it has no answer: a refused ack, a transport error, a timeout; null when answered in time. */
  failure: { kind: 'non2xx' | 'transport' | 'timeout'; detail: string } | null;
  responseId: string;
}

/** The message of a failed fetch, with its cause (`fetch failed` alone says nothing). */
function describe(err: unknown): string {
  const error = err as Error & { cause?: { code?: string; message?: string } };
  return [error.message, error.cause?.code ?? error.cause?.message].filter(Boolean).join(': ');
}

/**
 * USERS virtual users for SECONDS: each sends a command, waits for its ack and then for its answer (COMMAND_TIMEOUT_MS
 * in all from sending), and only then sends its next; none starts a command after SECONDS, and the phase ends when
 * the last one in flight is answered or has timed out.
 */
async function closedLoop(service: ServiceProcess, fake: FakeSlackApi, watcher: Watcher): Promise<{ commands: ClosedCommand[]; seconds: number }> {
  const commands: ClosedCommand[] = [];
  let sequence = 0;
  const started = performance.now();
  const endAt = started + SECONDS * 1000;
  const user = async () => {
    while (performance.now() < endAt) {
      const n = ++sequence;
      const entry = MIX[n % MIX.length]!;
      const signed = signedSlash(fake, SECRET, n, entry.command, entry.text);
      const command: ClosedCommand = { label: labelOf(entry), at: performance.now(), answer: undefined, ackMs: null, failure: null, responseId: signed.responseId };
      commands.push(command);
      try {
        const response = await fetch(`${service.url}/slack/events`, { method: 'POST', headers: signed.headers, body: signed.body, signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS) });
        const text = await response.text();
        command.ackMs = performance.now() - command.at;
        if (!response.ok) command.failure = { kind: 'non2xx', detail: `HTTP ${response.status} ${text.slice(0, 80)}`.trim() };
      } catch (err) {
        command.failure = (err as Error).name === 'TimeoutError' ? { kind: 'timeout', detail: 'no ack' } : { kind: 'transport', detail: describe(err) };
      }
      if (command.failure) {
        // A refused or failed request has no answer to wait for; a pause keeps a dead service from spinning the loop.
        await sleep(100);
        continue;
      }
      const answer = await watcher.answer(signed.responseId, command.at + COMMAND_TIMEOUT_MS - performance.now());
      if (answer) command.answer = answer;
      else command.failure = { kind: 'timeout', detail: `no answer within ${COMMAND_TIMEOUT_MS / 1000} s` };
    }
  };
  await Promise.all(Array.from({ length: USERS }, user));
  return { commands, seconds: seconds(started) };
}

/** Prints the closed loop's figures; returns its errors, every kind together. */
function printClosedLoop(run: { commands: ClosedCommand[]; seconds: number }, samples: Samples, watcher: Watcher): number {
  const { commands } = run;
  const answered = commands.filter((command) => command.answer);
  const withoutError = answered.filter((command) => !command.answer!.error);
  const latencies = (list: ClosedCommand[]) => list.map((command) => command.answer!.at - command.at);
  const acks = commands.flatMap((command) => (command.ackMs === null ? [] : [command.ackMs]));
  const count = (kind: NonNullable<ClosedCommand['failure']>['kind']) => commands.filter((command) => command.failure?.kind === kind).length;
  const errorAnswers = answered.length - withoutError.length;
  const [non2xx, transport, timeouts] = [count('non2xx'), count('transport'), count('timeout')];
  const lateAnswers = commands.filter((command) => command.failure?.kind === 'timeout' && watcher.answers.has(command.responseId)).length;
  const errors = non2xx + transport + timeouts + errorAnswers;
  console.log(`commands        ${answered.length} completed (${withoutError.length} without error) of ${commands.length} sent in ${run.seconds.toFixed(1)} s: ${(answered.length / run.seconds).toFixed(1)} commands/s (${(withoutError.length / run.seconds).toFixed(1)}/s without error)`);
  console.log(`answer latency  ${latencyLine(latencies(answered))} (request sent to its response_url post received, all ${answered.length} answers)`);
  console.log(`                ${latencyLine(latencies(withoutError))} (the ${withoutError.length} without error)`);
  console.log(`                ${latencyLine(answered.map((command) => command.answer!.at - command.at - command.ackMs!))} (from its ack, the work after it)`);
  console.log(`ack latency     ${latencyLine(acks)} (${acks.length} acks)`);
  // Where in the run the slow ones fall (a start-up wave, a GC pause, a neighbour's burst): p99s by window of sending.
  const start = commands[0]?.at ?? 0;
  const windows: string[] = [];
  for (let from = 0; from < run.seconds; from += WINDOW_SECONDS) {
    const within = answered.filter((command) => command.at - start >= from * 1000 && command.at - start < (from + WINDOW_SECONDS) * 1000);
    if (within.length === 0) continue;
    const p99 = (values: number[]) => duration(quantile(values.sort((a, b) => a - b), 0.99));
    windows.push(`${from}-${from + WINDOW_SECONDS} s ${p99(within.map((command) => command.answer!.at - command.at))} / ${p99(within.map((command) => command.ackMs!))}`);
  }
  console.log(`p99 over time   answer / ack, by when sent: ${windows.join(', ')}`);
  // Slack shows the person an operation_timeout when the ack takes longer than this, though the answer still comes.
  const lateAcks = acks.filter((ack) => ack > SLACK_ACK_DEADLINE_MS).length;
  console.log(`slack deadline  ${lateAcks} acks took longer than Slack's ${SLACK_ACK_DEADLINE_MS / 1000} s (not counted below: the answer still arrives, but Slack would show a timeout first)`);
  console.log(
    `errors          ${errors}: ${non2xx} non-2xx acks, ${transport} transport errors, ${timeouts} timeouts (no answer within ${COMMAND_TIMEOUT_MS / 1000} s${lateAnswers ? `; ${lateAnswers} answered later` : ''}), ${errorAnswers} answers carrying an error; ` +
      `${watcher.tally.uploads} files posted, ${watcher.tally.ephemeral} chat.postEphemeral fallbacks so far`,
  );
  printPerCommand(commands, samples);
  printErrorTexts(commands);
  const failures = new Map<string, number>();
  for (const command of commands) {
    if (command.failure) failures.set(`${command.failure.kind}: ${command.failure.detail} (${command.label})`, (failures.get(`${command.failure.kind}: ${command.failure.detail} (${command.label})`) ?? 0) + 1);
  }
  if (failures.size > 0) {
    console.log('no answer');
    for (const [what, n] of [...failures].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${String(n).padStart(6)} × ${what}`);
  }
  return errors;
}

// ---------------------------------------------------------------- 2. stress: an open loop

async function drain(sent: Map<string, Outcome>, watcher: Watcher, loadEnded: number): Promise<number> {
  const answered = () => [...sent.keys()].filter((id) => watcher.answers.has(id)).length;
  let last = answered();
  let lastProgress = performance.now();
  while (last < sent.size && performance.now() - loadEnded < DRAIN_LIMIT_MS && performance.now() - lastProgress < DRAIN_STALL_MS) {
    await sleep(250);
    const now = answered();
    if (now > last) lastProgress = performance.now();
    last = now;
  }
  return seconds(loadEnded);
}

function printLoad(result: AutocannonResult, sent: number): void {
  const { latency } = result;
  console.log(`requests/s      ${(result.requests.total / result.duration).toFixed(0)} (autocannon mean ${result.requests.average.toFixed(0)}), ${result.requests.total} requests completed, ${sent} sent`);
  console.log(`ack latency     p50 ${ms(latency.p50)}, p90 ${ms(latency.p90)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (mean ${ms(latency.average)})`);
  console.log(`acks            ${result['2xx']} 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
}

/** Autocannon's connections sending the next command as soon as the last is acked (or at RATE in all). */
async function openLoop(service: ServiceProcess, fake: FakeSlackApi, watcher: Watcher, samplesBefore: Samples): Promise<void> {
  const sent = new Map<string, Outcome>();
  let sequence = 0;
  const next = (request: AutocannonRequest): AutocannonRequest => {
    const n = ++sequence;
    const entry = MIX[n % MIX.length]!;
    const signed = signedSlash(fake, SECRET, OPEN_LOOP_IDS + n, entry.command, entry.text);
    sent.set(signed.responseId, { label: labelOf(entry), at: performance.now(), answer: undefined });
    return { ...request, headers: signed.headers, body: signed.body };
  };
  const pace = RATE ? `paced at ${RATE} commands/s` : 'unpaced (the next command as soon as the last is acked, not answered)';
  console.log(`load            ${CONNECTIONS} connections for ${SECONDS} s, ${pace}, the same mix; ${machineLoad()}`);
  const result = await autocannon({ url: service.url, connections: CONNECTIONS, duration: SECONDS, ...(RATE ? { overallRate: RATE } : {}), requests: [{ ...SLACK_EVENTS_REQUEST, setupRequest: next }] });
  const loadEnded = performance.now();
  const rssAtLoadEnd = service.rss();
  const answeredDuringLoad = [...sent.keys()].filter((id) => watcher.answers.has(id)).length;
  printLoad(result, sent.size);
  console.log(`during the load ${answeredDuringLoad} answers arrived (${(answeredDuringLoad / result.duration).toFixed(0)}/s); ${machineLoad()}`);
  const drainSeconds = await drain(sent, watcher, loadEnded);

  const outcomes = [...sent].map(([id, outcome]) => ({ ...outcome, answer: watcher.answers.get(id) }));
  const answered = outcomes.filter((outcome) => outcome.answer);
  const withoutError = answered.filter((outcome) => !outcome.answer!.error);
  const busy = answered.filter((outcome) => /\bbusy\b/.test(outcome.answer!.error ?? '')).length;
  const missing = outcomes.length - answered.length;
  const latencies = (list: Outcome[]) => list.map((outcome) => outcome.answer!.at - outcome.at);
  console.log(
    `end to end      ${answered.length}/${outcomes.length} answered (the last ${drainSeconds.toFixed(1)} s after the load stopped${missing ? `; ${missing} NEVER answered` : ''}), ` +
      `${answered.length - withoutError.length} answers carrying an error, ${busy} of them "busy"; ${watcher.tally.uploads} files posted, ${watcher.tally.ephemeral} chat.postEphemeral fallbacks in all`,
  );
  console.log(`answer latency  all ${answered.length}: ${latencyLine(latencies(answered))} (request sent to its response_url post received)`);
  console.log(`                without error ${withoutError.length}: ${latencyLine(latencies(withoutError))}`);
  const { all, commands } = await scrape(service, samplesBefore);
  printPerCommand(outcomes, commands);
  printErrorTexts(outcomes);
  console.log(`service memory  RSS ${bytes(rssAtLoadEnd)} when the load stopped, ${bytes(metric(all, 'process_resident_memory_bytes'))} once drained (peak ${bytes(service.peakRss())}, heap used ${bytes(metric(all, 'nodejs_heap_size_used_bytes'))})`);
}

// ---------------------------------------------------------------- the run

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
    console.log(`service         ready in ${seconds(starting).toFixed(1)} s at ${service.url} (pid ${service.pid})${firstRunLines.length ? '; FIRST RUN RAN' : '; no first run (data present)'}`);
    await warmUp(service, fake, watcher);
    console.log(`mix             ${MIX.map(labelOf).join(', ')} in turn, a new user and trigger id per command`);

    console.log(`\n-- closed loop: ${USERS} virtual users for ${SECONDS} s, each sending a command and waiting for its answer (at most ${COMMAND_TIMEOUT_MS / 1000} s) before the next; ${machineLoad()}`);
    const beforeClosed = (await scrape(service, null)).all;
    console.log(`service memory  RSS ${bytes(service.rss())} before the load (after the warm-up)`);
    const logsBefore = service.logs.mark();
    const run = await closedLoop(service, fake, watcher);
    const rssClosed = service.rss();
    const afterClosed = await scrape(service, beforeClosed);
    const errors = printClosedLoop(run, afterClosed.commands, watcher);
    const lag = metric(afterClosed.all, 'nodejs_eventloop_lag_p99_seconds');
    console.log(`service memory  RSS ${bytes(rssClosed)} at the end (peak ${bytes(service.peakRss())} since start, heap used ${bytes(metric(afterClosed.all, 'nodejs_heap_size_used_bytes'))}); event-loop lag p99 ${lag === null ? 'n/a' : ms(lag * 1000)} (prom-client's)`);
    const [counts, ...messages] = service.logs.lines(8, logsBefore);
    console.log(`service logs    ${counts} during the closed loop`);
    for (const line of messages) console.log(line);
    console.log(`target          zero errors under ${USERS} concurrent chat commands for ${SECONDS} s: ${errors === 0 ? 'met' : `NOT met (${errors} errors)`}; ${machineLoad()}`);

    if (OPEN_LOOP) {
      console.log(`\n-- stress, open loop (not the target): ${CONNECTIONS} connections sending commands as fast as they are acked, whatever the answers; BENCH_SERVICE_OPEN=0 skips it`);
      const logsBeforeOpen = service.logs.mark();
      await openLoop(service, fake, watcher, afterClosed.all);
      const [openCounts, ...openMessages] = service.logs.lines(8, logsBeforeOpen);
      console.log(`service logs    ${openCounts} during the open loop and its drain`);
      for (const line of openMessages) console.log(line);
      console.log(`stress          ${machineLoad()}`);
    }
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
