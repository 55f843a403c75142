import { rm } from 'node:fs/promises';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOutboxWorker, type OutboxWorker } from '../../alerts/outboxWorker.ts';
import type { Store } from '../../core/ports.ts';
import { createEmailTransport, type EmailTransport } from '../../mail/emailTransport.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtpServer.ts';
import { findPart, header, parseMime } from './rawMime.ts';
import { dataDirWith, pdfishBytes, reportBody, sampleReport } from './reportSamples.ts';

/**
 * The daily report's way to subscribers, end to end: one outbox message per address, the real worker over a real
 * database, the real transport into a real SMTP server.
 */
describe.each(ENGINES)('emailing the daily report through the outbox on $name', (engine) => {
  const db = useTestDatabase(engine);
  const store = (): Store => createStore(db().db);
  const report = sampleReport();
  const pdf = pdfishBytes();
  let dataDir: string;
  let fake: FakeSmtpServer | null = null;
  let email: EmailTransport | null = null;
  let worker: OutboxWorker | null = null;
  let run = 0;

  beforeAll(async () => {
    dataDir = await dataDirWith(report, pdf);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await worker?.stop();
    worker = null;
    email?.close();
    await fake?.close();
  });

  async function setUp(options: { reject?: string[] } = {}): Promise<{ fake: FakeSmtpServer; email: EmailTransport }> {
    fake = await startFakeSmtpServer(options);
    email = createEmailTransport({ smtpUrl: fake.url({ user: 'mailer', pass: 'hunter2-hunter2' }), from: 'tickcast <reports@tickcast.test>', dataDir, publicUrl: null, timeoutMs: 2000 });
    return { fake, email };
  }

  /** Addresses of this test only, so tests on one database share no channels or dedupe keys. */
  function subscribers(...names: string[]): string[] {
    run++;
    return names.map((name) => `${name}.${run}@example.test`);
  }

  async function enqueue(addresses: string[]): Promise<void> {
    for (const address of addresses) {
      const id = await store().outbox.enqueue({ channel: { surface: 'email', channelId: address }, body: reportBody(report), dedupeKey: `report:${report.reportId}:email:${address}` });
      expect(id).not.toBeNull();
    }
  }

  async function messageTo(address: string) {
    return (await store().outbox.list({ limit: 10_000 })).find((message) => message.channel.channelId === address)!;
  }

  function start(email: EmailTransport): OutboxWorker {
    worker = startOutboxWorker({ store: store(), transports: [email], logger: pino({ level: 'silent' }), minGapMs: 0, pollMs: 200 });
    return worker;
  }

  it('delivers to every subscriber but the one the server refuses, which fails for good with the reply', async () => {
    const [alice, gone, bob] = subscribers('alice', 'gone', 'bob');
    const { fake, email } = await setUp({ reject: [gone!] });
    await enqueue([alice!, gone!, bob!]);
    await start(email).drain(20_000);

    for (const address of [alice!, bob!]) {
      const message = await messageTo(address);
      expect(message).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
      expect(message.externalId).toMatch(/^<[0-9a-f]{32}\.tickcast@tickcast\.test>$/);
    }
    const failed = await messageTo(gone!);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed.lastError).toContain('permanent failure: email_recipient_rejected');
    expect(failed.lastError).toContain(`550 5.1.1 <${gone}>: mailbox unavailable`);

    expect(fake.messages).toHaveLength(2);
    expect(fake.messages.map((received) => received.to).sort()).toEqual([[alice], [bob]].sort());
    for (const received of fake.messages) {
      const parsed = parseMime(received.raw);
      expect(Buffer.compare(findPart(parsed, 'application/pdf')!.body, pdf)).toBe(0);
      expect(header(parsed, 'message-id')).toBe((await messageTo(received.to[0]!)).externalId);
    }
  });

  it('keeps the messages while the SMTP server is down and delivers each exactly once when it is back', async () => {
    const { fake, email } = await setUp();
    const port = fake.port;
    await fake.stop();
    const addresses = subscribers('carol', 'dave');
    await enqueue(addresses);
    const worker = start(email);

    // Both attempts failed on the connection and were put back for a retry (the first backoff is one second).
    for (;;) {
      const messages = await Promise.all(addresses.map(messageTo));
      if (messages.every((message) => message.attempts >= 1 && message.state === 'pending')) {
        for (const message of messages) {
          expect(message.attempts).toBe(1);
          expect(message.lastError).toContain(`smtp_unreachable: emailing report 42 to ${message.channel.channelId}: could not talk to the SMTP server at 127.0.0.1:${port} (ECONNREFUSED)`);
          expect(message.lastError).not.toContain('hunter2');
        }
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }

    await fake.restart();
    expect(fake.port).toBe(port);
    await worker.drain(20_000);

    for (const address of addresses) {
      const message = await messageTo(address);
      expect(message).toMatchObject({ state: 'delivered' });
      expect(message.attempts).toBeGreaterThanOrEqual(2);
    }
    expect(fake.messages.map((received) => received.to[0]).sort()).toEqual([...addresses].sort());
  });
});
