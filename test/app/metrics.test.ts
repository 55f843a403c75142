import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxWorker } from '../../alerts/outboxWorker.ts';
import { createBotServices } from '../../app/botServices.ts';
import { loadConfig } from '../../app/config.ts';
import { startHttpServer, type HttpServer } from '../../app/httpServer.ts';
import { createMetrics, metricsRoute, type Metrics } from '../../app/metrics.ts';
import { createApp, type App } from '../../app/wiring.ts';
import { defineCommand } from '../../bot/command.ts';
import { COMMANDS } from '../../bot/commands/index.ts';
import { createBot } from '../../bot/createBot.ts';
import { TemporaryError, UserError } from '../../core/errors.ts';
import type { ModelBundle } from '../../core/model.ts';
import type { OutboundBody } from '../../core/outbox.ts';
import { ingest } from '../../pipeline/ingest/ingest.ts';
import { planIngest } from '../../pipeline/ingest/planIngest.ts';
import { RecordingTransport } from '../alerts/recordingTransport.ts';
import { bundleWith, from } from '../bot/support.ts';
import { ENGINES, openTestDatabase } from '../support/engines.ts';
import { evaluationRow } from '../support/samples.ts';
import { DAILY_DIR } from '../support/sharedData.ts';
import { parsePrometheusText, type Sample } from '../support/prometheus.ts';



/** The one sample of `name` whose labels include `labels`; undefined when there is none. */
function valueOf(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

const notice = (text: string): OutboundBody => ({ kind: 'notice', title: 'test', text, severity: 'info' });

/** A command whose handler fails the way a bug would: the `error` outcome. */
const boomCommand = defineCommand({
  path: ['boom'], summary: 'fails', params: [], schema: z.object({}), adminOnly: false, cost: null, examples: [],
  async run() {
    throw new Error('a bug');
  },
});

describe.each(ENGINES)('/metrics on $name', (engine) => {
  let app: App;
  let metrics: Metrics;
  let server: HttpServer;
  let dataDir: string;
  const warnings: Record<string, unknown>[] = [];
  /** The bot and the outbox worker warn about the failures this suite provokes; only the metrics' own count here. */
  const metricsWarnings = () => warnings.filter((w) => String(w.msg).startsWith('metrics:'));

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-metrics-'));
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        const line = JSON.parse(String(chunk)) as Record<string, unknown>;
        if ((line.level as number) >= 40) warnings.push(line);
        callback();
      },
    });
    const logger = pino({ level: 'info' }, stream);
    metrics = createMetrics({ logger });
    app = await createApp(loadConfig({ TICKCAST_DATA_DIR: dataDir }, dataDir), logger, { database: await openTestDatabase(engine), telemetry: metrics.telemetry });
    metrics.readFrom(app.store.ops);
    server = await startHttpServer(app, 0, { host: '127.0.0.1', routes: [metricsRoute(metrics.registry)] });
  });
  afterAll(async () => {
    await server?.close();
    await app?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parsePrometheusText(await response.text()).samples;
  }

  it('counts an ingest, chat commands, deliveries and its own requests, in valid Prometheus text', async () => {
    const plan = await planIngest({ source: `csv:${DAILY_DIR}`, tickers: ['AAPL'] }, { watchlist: ['AAPL'] });
    const first = await ingest(plan.source, plan.requests, { store: app.store, telemetry: app.telemetry });
    const written = first.runs[0]!.added + first.runs[0]!.updated;
    expect(written).toBeGreaterThan(5000);
    // The same file again writes nothing, and the counter says so.
    const again = await ingest(plan.source, plan.requests, { store: app.store, telemetry: app.telemetry });
    expect(again.runs[0]).toMatchObject({ status: 'succeeded', added: 0, updated: 0 });

    const bot = createBot(createBotServices(app), { logger: app.logger, telemetry: app.telemetry, commands: [...COMMANDS, boomCommand] });
    expect((await bot.runText('price AAPL', from('slack:U1'))).kind).toBe('price');
    expect((await bot.runText('price aapl', from('slack:U2'))).kind).toBe('price');
    expect((await bot.runText('price NOPE', from('slack:U1'))).kind).toBe('error');
    expect((await bot.runText('frobnicate', from('slack:U1'))).kind).toBe('error');
    expect((await bot.runArgs(['price'], { ticker: 'AAPL' }, from('discord:user:1', { surface: 'discord' }))).kind).toBe('price');
    expect((await bot.runText('boom', from('slack:U1'))).kind).toBe('error');

    const transport = new RecordingTransport();
    const channel = { surface: 'slack' as const, channelId: 'C-METRICS' };
    for (const key of ['m:ok', 'm:retry', 'm:dead']) await app.store.outbox.enqueue({ channel, body: notice(key), dedupeKey: key });
    // Nobody delivers to Discord in this test: that message stays pending.
    await app.store.outbox.enqueue({ channel: { surface: 'discord', channelId: 'D-1' }, body: notice('waits'), dedupeKey: 'm:waits' });
    transport.failures.set('m:retry', [new TemporaryError('slack_unavailable', 'slack answered 503')]);
    transport.failures.set('m:dead', [new UserError('channel_not_found', 'no such channel')]);
    const worker = startOutboxWorker({ store: app.store, transports: [transport], logger: app.logger, minGapMs: 10, telemetry: app.telemetry });
    try {
      await worker.drain(10_000);
    } finally {
      await worker.stop();
    }

    await scrape();
    const samples = await scrape();
    expect(valueOf(samples, 'tickcast_bars_ingested_total', { ticker: 'AAPL', interval: '1d' })).toBe(written);

    const commands = (labels: Record<string, string>) => valueOf(samples, 'tickcast_command_duration_seconds_count', labels);
    expect(commands({ surface: 'slack', command: 'price', outcome: 'ok' })).toBe(2);
    expect(commands({ surface: 'slack', command: 'price', outcome: 'user_error' })).toBe(1);
    expect(commands({ surface: 'slack', command: 'unknown', outcome: 'user_error' })).toBe(1);
    expect(commands({ surface: 'discord', command: 'price', outcome: 'ok' })).toBe(1);
    expect(commands({ surface: 'slack', command: 'boom', outcome: 'error' })).toBe(1);
    const okSeconds = valueOf(samples, 'tickcast_command_duration_seconds_sum', { surface: 'slack', command: 'price', outcome: 'ok' })!;
    expect(okSeconds).toBeGreaterThan(0);
    expect(okSeconds).toBeLessThan(60);

    const deliveries = (outcome: string) => valueOf(samples, 'tickcast_deliveries_total', { surface: 'slack', kind: 'notice', outcome });
    expect([deliveries('sent'), deliveries('retry'), deliveries('failed')]).toEqual([2, 1, 1]);
    expect(valueOf(samples, 'tickcast_outbox_messages', { surface: 'discord', state: 'pending' })).toBe(1);
    expect(valueOf(samples, 'tickcast_outbox_messages', { surface: 'slack', state: 'failed' })).toBe(1);
    expect(valueOf(samples, 'tickcast_outbox_messages', { surface: 'slack', state: 'pending' })).toBeUndefined();

    // The first scrape is counted by the second, under its route pattern.
    expect(valueOf(samples, 'tickcast_http_request_duration_seconds_count', { route: '/metrics', method: 'GET', status: '200' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(samples, 'tickcast_ingest_age_seconds', { ticker: 'AAPL', interval: '1d' })).toBeLessThan(120);
    // The process's own figures come with it.
    expect(valueOf(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(valueOf(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(metricsWarnings()).toEqual([]);
  });

  it('reads the scheduler, the champion, its live calibration and the last job successes from the database', async () => {
    const now = Date.now();
    const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
    await app.database.rows(sql`insert into agenda_jobs (name, next_run_at, locked_at, repeat_interval, disabled) values
      ('ingest-daily', ${at(-20 * 60_000)}::timestamptz, null, '0 22 * * 1-5', false),
      ('retrain', ${at(-60_000)}::timestamptz, ${at(-30_000)}::timestamptz, '0 3 * * 6', false),
      ('report-daily', ${at(3_600_000)}::timestamptz, null, '0 6 * * 1-5', false),
      ('housekeeping', ${at(-3_600_000)}::timestamptz, null, '0 4 * * *', true)`);
    await app.database.rows(sql`insert into job_runs (job, run_key, state, worker, trigger, started_at, finished_at) values
      ('ingest-daily', 'k1', 'succeeded', 'host:1', 'schedule', '2026-06-11T22:00:00Z', '2026-06-11T22:05:00Z'),
      ('ingest-daily', 'k2', 'failed', 'host:1', 'schedule', '2026-06-12T22:00:00Z', '2026-06-12T22:01:00Z'),
      ('report-daily', 'k3', 'succeeded', 'host:1', 'schedule', '2026-06-12T06:00:00Z', '2026-06-12T06:02:30Z')`);

    const figures: ModelBundle = bundleWith(0.93, 0.78);
    figures.metrics!.rows.push(evaluationRow('lstm', 0.97, { horizon: 5, u2: 0.99, coverage95: 0.91 }), evaluationRow('naive', 1, { horizon: 5, coverage80: 0.74 }));
    const champion = await app.store.models.save(figures, 'test');
    const other = await app.store.models.save(bundleWith(1.2, 0.5), 'test');
    await app.store.models.moveAlias('champion', champion.version, 'test', null);
    await app.store.signals.record(champion.version, [
      { kind: 'calibration', ticker: 'AAPL', asOf: '2026-06-10', value: { forecasts: 3, n: 12, coverage80: 0.5, coverage95: 0.75 } },
      { kind: 'calibration', ticker: 'AAPL', asOf: '2026-06-12', value: { forecasts: 4, n: 15, coverage80: 0.8, coverage95: 0.9333 } },
      { kind: 'drift', ticker: 'AAPL', asOf: '2026-06-12', value: { coverage80: 0.01 } },
    ]);
    await app.store.signals.record(other.version, [{ kind: 'calibration', ticker: 'MSFT', asOf: '2026-06-12', value: { n: 9, coverage80: 0.1, coverage95: 0.2 } }]);

    const samples = await scrape();
    const job = (name: string, job: string) => valueOf(samples, name, { job });
    expect([job('tickcast_scheduler_jobs_due', 'ingest-daily'), job('tickcast_scheduler_jobs_running', 'ingest-daily')]).toEqual([1, 0]);
    expect(job('tickcast_scheduler_job_wait_seconds', 'ingest-daily')).toBeGreaterThanOrEqual(20 * 60 - 1);
    expect(job('tickcast_scheduler_job_wait_seconds', 'ingest-daily')).toBeLessThan(20 * 60 + 120);
    expect([job('tickcast_scheduler_jobs_due', 'retrain'), job('tickcast_scheduler_jobs_running', 'retrain')]).toEqual([0, 1]);
    expect([job('tickcast_scheduler_jobs_due', 'report-daily'), job('tickcast_scheduler_job_wait_seconds', 'report-daily')]).toEqual([0, 0]);
    expect(job('tickcast_scheduler_jobs_due', 'housekeeping')).toBe(0);
    expect(job('tickcast_job_last_success_timestamp_seconds', 'ingest-daily')).toBe(Date.parse('2026-06-11T22:05:00Z') / 1000);
    expect(job('tickcast_job_last_success_timestamp_seconds', 'report-daily')).toBe(Date.parse('2026-06-12T06:02:30Z') / 1000);
    expect(job('tickcast_job_last_success_timestamp_seconds', 'retrain')).toBeUndefined();

    expect(valueOf(samples, 'tickcast_champion_info')).toBe(1);
    expect(samples.find((s) => s.name === 'tickcast_champion_info')!.labels).toEqual({ version: champion.version });
    const skill = (model: string, horizon: string, measure: string) => valueOf(samples, 'tickcast_champion_skill', { model, horizon, measure });
    expect([skill('champion', '1', 'mase'), skill('champion', '1', 'coverage80'), skill('naive', '1', 'mase')]).toEqual([0.93, 0.78, 1]);
    expect([skill('champion', '5', 'mase'), skill('champion', '5', 'u2'), skill('champion', '5', 'coverage95'), skill('naive', '5', 'coverage80')]).toEqual([0.97, 0.99, 0.91, 0.74]);
    expect(valueOf(samples, 'tickcast_champion_live_coverage', { ticker: 'AAPL', level: '80' })).toBe(0.8);
    expect(valueOf(samples, 'tickcast_champion_live_coverage', { ticker: 'AAPL', level: '95' })).toBe(0.9333);
    expect(valueOf(samples, 'tickcast_champion_live_samples', { ticker: 'AAPL' })).toBe(15);
    // Another version's signal is not the champion's.
    expect(valueOf(samples, 'tickcast_champion_live_coverage', { ticker: 'MSFT', level: '80' })).toBeUndefined();

    // A job that is gone from the table is gone from the next scrape, and a new champion replaces the old one.
    await app.database.rows(sql`delete from agenda_jobs where name = 'ingest-daily'`);
    await app.store.models.moveAlias('champion', other.version, 'test', null);
    const after = await scrape();
    expect(valueOf(after, 'tickcast_scheduler_jobs_due', { job: 'ingest-daily' })).toBeUndefined();
    expect(after.filter((s) => s.name === 'tickcast_champion_info').map((s) => s.labels.version)).toEqual([other.version]);
    expect(valueOf(after, 'tickcast_champion_skill', { model: 'champion', horizon: '1', measure: 'mase' })).toBe(1.2);
    expect(valueOf(after, 'tickcast_champion_live_coverage', { ticker: 'MSFT', level: '80' })).toBe(0.1);
    expect(valueOf(after, 'tickcast_champion_live_coverage', { ticker: 'AAPL', level: '80' })).toBeUndefined();
  });

  it('a failing reading is logged, counted and left out; the rest of the scrape is served', async () => {
    warnings.length = 0;
    const before = await scrape();
    expect(valueOf(before, 'tickcast_metrics_collect_errors_total', { reading: 'scheduler' })).toBe(0);
    await app.database.rows(sql`alter table agenda_jobs rename to agenda_jobs_away`);
    try {
      const samples = await scrape();
      expect(valueOf(samples, 'tickcast_metrics_collect_errors_total', { reading: 'scheduler' })).toBe(1);
      expect(valueOf(samples, 'tickcast_metrics_collect_errors_total', { reading: 'outbox' })).toBe(0);
      expect(samples.some((s) => s.name.startsWith('tickcast_scheduler_'))).toBe(false);
      expect(valueOf(samples, 'tickcast_outbox_messages', { surface: 'discord', state: 'pending' })).toBe(1);
      expect(valueOf(samples, 'tickcast_bars_ingested_total', { ticker: 'AAPL', interval: '1d' })).toBeGreaterThan(5000);
      expect(metricsWarnings().map((w) => [w.msg, w.reading])).toEqual([['metrics: a database reading failed; left out of this scrape', 'scheduler']]);
    } finally {
      await app.database.rows(sql`alter table agenda_jobs_away rename to agenda_jobs`);
    }
    const recovered = await scrape();
    expect(valueOf(recovered, 'tickcast_metrics_collect_errors_total', { reading: 'scheduler' })).toBe(1);
    expect(valueOf(recovered, 'tickcast_scheduler_jobs_running', { job: 'retrain' })).toBe(1);
  });
});

describe('metrics without a database', () => {
  it('serve the process figures and every family, values never breaking the work counted', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
    const { telemetry, registry } = createMetrics({ logger });
    telemetry.jobFinished('retrain', 'failed', 42);
    telemetry.reportRendered('rendered', 7.5, 6);
    telemetry.barsIngested('AAPL', '1d', -3);
    const { types, samples } = parsePrometheusText(await registry.metrics());
    expect(valueOf(samples, 'tickcast_job_runs_total', { job: 'retrain', state: 'failed' })).toBe(1);
    expect(valueOf(samples, 'tickcast_job_duration_seconds_bucket', { job: 'retrain', state: 'failed', le: '30' })).toBe(0);
    expect(valueOf(samples, 'tickcast_job_duration_seconds_bucket', { job: 'retrain', state: 'failed', le: '60' })).toBe(1);
    expect(valueOf(samples, 'tickcast_report_render_seconds_count', { outcome: 'rendered' })).toBe(1);
    expect(valueOf(samples, 'tickcast_report_pages')).toBe(6);
    // A negative count is refused by the counter; it is logged, and the caller never sees it.
    expect(valueOf(samples, 'tickcast_bars_ingested_total', { ticker: 'AAPL', interval: '1d' })).toBeUndefined();
    expect(lines.map((l) => l.metric)).toEqual(['barsIngested']);
    for (const name of ['tickcast_outbox_messages', 'tickcast_scheduler_jobs_due', 'tickcast_champion_skill', 'tickcast_command_duration_seconds', 'tickcast_http_request_duration_seconds']) {
      expect(types.has(name)).toBe(true);
    }
  });
});
