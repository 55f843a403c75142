import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { startOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../alerts/outboxWorker.ts';
import type { ChannelRef } from '../../core/chat.ts';
import { RateLimitedError, TemporaryError } from '../../core/errors.ts';
import type { ChatTransport, OutboundBody, OutboxRepo } from '../../core/outbox.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';
import { RecordingTransport } from './recordingTransport.ts';

const notice = (text: string): OutboundBody => ({ kind: 'notice', title: 'test', text, severity: 'info' });
let channels = 0;
const newChannel = (): ChannelRef => ({ surface: 'slack', channelId: `C${process.pid}x${++channels}` });

function capturedLogger() {
  const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(String(chunk)));
      callback();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe.each(ENGINES)('outbox worker on $name', (engine) => {
  const db = useTestDatabase(engine);
  const store = () => createStore(db().db);
  let worker: OutboxWorker | null = null;
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });

  function start(transport: ChatTransport, options: Partial<OutboxWorkerOptions> = {}) {
    const { logger, lines } = capturedLogger();
    worker = startOutboxWorker({ store: store(), transports: [transport], logger, minGapMs: 150, pollMs: 500, ...options });
    return { worker, lines };
  }

  async function enqueue(channel: ChannelRef, count: number, prefix: string): Promise<string[]> {
    const keys = Array.from({ length: count }, (_, i) => `${prefix}:${channel.channelId}:${i}`);
    for (const key of keys) expect(await store().outbox.enqueue({ channel, body: notice(key), dedupeKey: key })).not.toBeNull();
    return keys;
  }

  async function messageOf(dedupeKey: string) {
    return (await store().outbox.list({ limit: 10_000 })).find((m) => m.dedupeKey === dedupeKey)!;
  }

  it('delivers each message once, in order per channel, at least minGap apart per channel, channels side by side', async () => {
    const transport = new RecordingTransport();
    const [a, b] = [newChannel(), newChannel()];
    const keysA = await enqueue(a, 4, 'fifo');
    const keysB = await enqueue(b, 4, 'fifo');
    const { worker } = start(transport, { minGapMs: 300 });
    await worker.drain(10_000);

    for (const [channel, keys] of [[a, keysA], [b, keysB]] as const) {
      const sends = transport.sends.filter((send) => send.channelId === channel.channelId);
      expect(sends.map((send) => send.dedupeKey)).toEqual(keys);
      for (let i = 1; i < sends.length; i++) expect(sends[i]!.at - sends[i - 1]!.at).toBeGreaterThanOrEqual(300);
      for (const key of keys) expect(await messageOf(key)).toMatchObject({ state: 'delivered', attempts: 1, externalId: transport.posted.get(`${channel.channelId}/${key}`) });
    }
    // Paced per channel, not globally: the second channel's first message did not wait behind the first channel's.
    const first = (channel: ChannelRef) => transport.sends.find((send) => send.channelId === channel.channelId)!.at;
    expect(Math.abs(first(a) - first(b))).toBeLessThan(300);
  });

  it('waits as long as a 429 asks, then delivers exactly once', async () => {
    const transport = new RecordingTransport();
    const channel = newChannel();
    const [key] = await enqueue(channel, 1, 'limited');
    transport.failures.set(key!, [new RateLimitedError('slack answered 429', 600)]);
    const { worker, lines } = start(transport);
    await worker.drain(10_000);

    const sends = transport.sendsOf(key!);
    expect(sends).toHaveLength(2);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(600);
    expect(transport.posted.size).toBe(1);
    expect(await messageOf(key!)).toMatchObject({ state: 'delivered', attempts: 2, lastError: 'rate_limited: slack answered 429' });
    expect(lines.some((line) => line.msg === 'outbox: rate limited; waiting as asked' && line.retryAfterMs === 600)).toBe(true);
  });

  it('does not resend a message whose cut-off attempt reached the channel, and sends one that did not', async () => {
    const transport = new RecordingTransport();
    const channel = newChannel();
    const [arrived, lost] = await enqueue(channel, 2, 'uncertain');
    // A worker that died mid-send: it claimed the first message with a short lease, and the post did reach Slack.
    const claimed = await store().outbox.claimNext({ now: new Date(), surfaces: ['slack'], leaseMs: 1 });
    expect(claimed?.dedupeKey).toBe(arrived);
    const externalId = transport.post(channel.channelId, arrived!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const { worker, lines } = start(transport);
    await worker.drain(10_000);

    expect(transport.sendsOf(arrived!)).toEqual([]);
    expect(transport.lookups).toEqual([arrived]);
    expect(await messageOf(arrived!)).toMatchObject({ state: 'delivered', externalId });
    expect(transport.sendsOf(lost!)).toHaveLength(1);
    expect(await messageOf(lost!)).toMatchObject({ state: 'delivered' });
    expect(lines.some((line) => line.msg === 'outbox: an attempt cut off had reached the channel; not resending')).toBe(true);

    // Cut off before it reached the channel: looked for, not found, sent once.
    await worker.stop();
    const [missing] = await enqueue(channel, 1, 'uncertain-missing');
    await new Promise((resolve) => setTimeout(resolve, 200)); // the channel's minGap after the last delivery
    expect((await store().outbox.claimNext({ now: new Date(), surfaces: ['slack'], leaseMs: 1 }))?.dedupeKey).toBe(missing);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const restarted = start(transport);
    await restarted.worker.drain(10_000);
    expect(transport.lookups).toEqual([arrived, missing]);
    expect(transport.sendsOf(missing!)).toHaveLength(1);
    expect(await messageOf(missing!)).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('fails a message on a permanent error at once, and the next message still goes out', async () => {
    const transport = new RecordingTransport();
    const channel = newChannel();
    const [doomed, next] = await enqueue(channel, 2, 'permanent');
    transport.failures.set(doomed!, [Object.assign(new Error('channel_not_found'), { code: 'slack_webapi_platform_error' })]);
    const { worker, lines } = start(transport);
    await worker.drain(10_000);

    expect(transport.sendsOf(doomed!)).toHaveLength(1);
    expect(await messageOf(doomed!)).toMatchObject({ state: 'failed', attempts: 1, lastError: 'permanent failure: channel_not_found' });
    expect(await messageOf(next!)).toMatchObject({ state: 'delivered' });
    expect(lines.find((line) => line.msg === 'outbox: permanent failure; message dropped')).toMatchObject({ level: 50, messageId: (await messageOf(doomed!)).id });
  });

  it('retries a temporary error after a backoff and gives up after maxAttempts', async () => {
    const transport = new RecordingTransport();
    const channel = newChannel();
    const [flaky, broken] = await enqueue(channel, 2, 'temporary');
    transport.failures.set(flaky!, [new TemporaryError('upstream_5xx', 'slack answered 503')]);
    transport.failures.set(broken!, [new TemporaryError('upstream_5xx', 'slack answered 503'), new TemporaryError('upstream_5xx', 'slack answered 503 again')]);
    const { worker } = start(transport, { maxAttempts: 2 });
    await worker.drain(15_000);

    const flakySends = transport.sendsOf(flaky!);
    expect(flakySends).toHaveLength(2);
    expect(flakySends[1]!.at - flakySends[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(await messageOf(flaky!)).toMatchObject({ state: 'delivered', attempts: 2 });
    // In order: the second message waited for the first one's retry.
    expect(transport.sendsOf(broken!)[0]!.at).toBeGreaterThan(flakySends[1]!.at);
    const brokenSends = transport.sendsOf(broken!);
    expect(brokenSends).toHaveLength(2);
    expect(brokenSends[1]!.at - brokenSends[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(await messageOf(broken!)).toMatchObject({ state: 'failed', attempts: 2, lastError: 'gave up after 2 attempts: upstream_5xx: slack answered 503 again' });
  });

  it('keeps going after the database fails a claim, and wakes early on notify', async () => {
    const transport = new RecordingTransport();
    const channel = newChannel();
    const real = store().outbox;
    let failures = 1;
    const flaky: OutboxRepo = {
      ...real,
      claimNext: async (options) => {
        if (failures-- > 0) throw new Error('connection reset by peer');
        return real.claimNext(options);
      },
    };
    const { logger, lines } = capturedLogger();
    worker = startOutboxWorker({ store: { outbox: flaky }, transports: [transport], logger, pollMs: 60_000, concurrency: 1 });
    const [key] = await enqueue(channel, 1, 'hiccup');
    await worker.drain(10_000);
    expect(transport.sendsOf(key!)).toHaveLength(1);
    expect(lines.some((line) => line.level === 50 && line.msg === 'outbox: the queue could not be read or updated; backing off')).toBe(true);

    // Idle with a one-minute poll: a new message goes out at once when notified.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [woken] = await enqueue(channel, 1, 'notify');
    const started = Date.now();
    worker.notify();
    await worker.drain(10_000);
    expect(transport.sendsOf(woken!)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('finishes the send in flight when stopped', async () => {
    const transport = new RecordingTransport();
    transport.sendDelayMs = 300;
    const channel = newChannel();
    const [key] = await enqueue(channel, 1, 'stop');
    const { worker } = start(transport);
    while (transport.sends.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await worker.stop();
    expect(await messageOf(key!)).toMatchObject({ state: 'delivered' });
  });
});
