import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { rm } from 'node:fs/promises';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxWorker, type OutboxWorker } from '../../alerts/outboxWorker.ts';
import { createEmailTransport, type EmailTransport } from '../../mail/emailTransport.ts';
import { createStore } from '../../storage/store.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtpServer.ts';
import { dataDirWith, pdfishBytes, reportBody, sampleReport } from '../mail/reportSamples.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

/**
 * The mail relay having a bad day, seen from the outbox: the real worker over a real database, the real email
 * transport, and a real SMTP server that defers every recipient, or a peer that accepts the connection and never
 * says a word. Each message is retried with backoff, then settles as `failed` with the reason kept; others go out.
 * (A recipient refused for good and a server that is down then back are in test/mail/emailDelivery.test.ts.)
 */

const MAX_ATTEMPTS = 3;

describe.each(ENGINES)('report emails against a failing SMTP server on $name', (engine) => {
  const db = useTestDatabase(engine);
  const store = () => createStore(db().db);
  const report = sampleReport();
  const pdf = pdfishBytes();
  let dataDir: string;
  let smtp: FakeSmtpServer;
  let email: EmailTransport | null = null;
  let worker: OutboxWorker | null = null;
  let run = 0;

  beforeAll(async () => {
    dataDir = await dataDirWith(report, pdf);
    smtp = await startFakeSmtpServer();
  });
  afterAll(async () => {
    await smtp.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    email?.close();
    email = null;
  });

  function start(smtpUrl: string) {
    email = createEmailTransport({ smtpUrl, from: 'tickcast <reports@tickcast.test>', dataDir, publicUrl: null, timeoutMs: 300 });
    const attempts: number[] = [];
    const timed = { ...email, send: (...args: Parameters<EmailTransport['send']>) => (attempts.push(Date.now()), email!.send(...args)) };
    worker = startOutboxWorker({ store: store(), transports: [timed], logger: pino({ level: 'silent' }), minGapMs: 0, pollMs: 200, maxAttempts: MAX_ATTEMPTS });
    return { worker, attempts };
  }

  async function enqueue(...addresses: string[]): Promise<void> {
    for (const address of addresses) {
      expect(await store().outbox.enqueue({ channel: { surface: 'email', channelId: address }, body: reportBody(report), dedupeKey: `report:${report.reportId}:email:${address}` })).not.toBeNull();
    }
  }

  async function messageTo(address: string) {
    return (await store().outbox.list({ limit: 10_000 })).find((message) => message.channel.channelId === address)!;
  }

  it('a recipient deferred (451) on every attempt: retried with backoff, then failed with the reply kept; the others get theirs', async () => {
    run++;
    const [later, fine] = [`later.${run}@example.test`, `fine.${run}@example.test`];
    smtp.defer.add(later);
    try {
      await enqueue(later, fine);
      const { worker, attempts } = start(smtp.url());
      await worker.drain(20_000);
      const deferred = await messageTo(later);
      expect(deferred).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
      expect(deferred.lastError).toMatch(/^gave up after 3 attempts: smtp_deferred: /);
      expect(deferred.lastError).toContain('451 4.3.0 try again later');
      expect(await messageTo(fine)).toMatchObject({ state: 'delivered', attempts: 1 });
      expect(smtp.messages.filter((message) => message.to.includes(fine))).toHaveLength(1);
      expect(smtp.messages.filter((message) => message.to.includes(later))).toHaveLength(0);
      // Two channels, so both first attempts go at once; the deferred one's retries wait 1 s, then 2 s.
      expect(attempts).toHaveLength(MAX_ATTEMPTS + 1);
      const laterAttempts = attempts.slice(-2);
      expect(laterAttempts[1]! - laterAttempts[0]!).toBeGreaterThanOrEqual(2000);
    } finally {
      smtp.defer.delete(later);
    }
  }, 30_000);

  it('a server that accepts the connection and never answers: each attempt times out, then failed with the reason kept', async () => {
    run++;
    const address = `silent.${run}@example.test`;
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      await enqueue(address);
      const { worker, attempts } = start(`smtp://127.0.0.1:${port}`);
      await worker.drain(20_000);
      expect(attempts).toHaveLength(MAX_ATTEMPTS);
      const message = await messageTo(address);
      expect(message).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS });
      expect(message.lastError).toMatch(new RegExp(`^gave up after 3 attempts: smtp_\\w+: .*127\\.0\\.0\\.1:${port}`));
      expect(sockets.size).toBe(MAX_ATTEMPTS);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  }, 30_000);
});
