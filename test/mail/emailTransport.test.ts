import { rm, unlink } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OperationalError, TemporaryError, UserError } from '../../core/errors.ts';
import { createEmailTransport, deliveryMessageId, type EmailTransport, type EmailTransportOptions } from '../../mail/emailTransport.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../fakes/smtpServer.ts';
import { findPart, header, parseMime, textOf } from './rawMime.ts';
import { dataDirWith, pdfishBytes, reportBody, sampleReport } from './reportSamples.ts';

const FROM = 'tickcast <reports@tickcast.test>';
const ALICE = 'alice@example.test';
const BOUNCES = 'gone@example.test';
const LATER = 'greylisted@example.test';
const key = (address: string) => `report:42:email:${address}`;

describe('email transport', () => {
  const report = sampleReport();
  const pdf = pdfishBytes();
  let fake: FakeSmtpServer;
  let dataDir: string;
  const opened: EmailTransport[] = [];

  function transport(overrides: Partial<EmailTransportOptions> = {}): EmailTransport {
    const created = createEmailTransport({ smtpUrl: fake.url(), from: FROM, dataDir, publicUrl: 'https://tickcast.test', timeoutMs: 2000, ...overrides });
    opened.push(created);
    return created;
  }

  beforeEach(async () => {
    fake = await startFakeSmtpServer({ reject: [BOUNCES], defer: [LATER] });
    dataDir = await dataDirWith(report, pdf);
  });
  afterEach(async () => {
    for (const created of opened.splice(0)) created.close();
    await fake.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers the PDF byte-identical, with subject, sender, recipient, escaped HTML and delivery headers', async () => {
    const { externalId } = await transport().send(ALICE, reportBody(report), key(ALICE));

    expect(externalId).toBe(deliveryMessageId(key(ALICE), FROM));
    expect(externalId).toMatch(/^<[0-9a-f]{32}\.tickcast@tickcast\.test>$/);
    expect(fake.messages).toHaveLength(1);
    const [received] = fake.messages;
    expect(received).toMatchObject({ from: 'reports@tickcast.test', to: [ALICE] });

    const message = parseMime(received!.raw);
    expect(header(message, 'subject')).toBe('tickcast daily report · 2026-06-12 · AAPL, MSFT +3 more');
    expect(header(message, 'from')).toBe('tickcast <reports@tickcast.test>');
    expect(header(message, 'to')).toBe(ALICE);
    expect(header(message, 'message-id')).toBe(externalId);
    expect(header(message, 'x-tickcast-delivery')).toBe(key(ALICE));

    const attachment = findPart(message, 'application/pdf');
    expect(attachment).toBeDefined();
    expect(header(attachment!, 'content-disposition')).toMatch(/^attachment; filename=tickcast-report-2026-06-12\.pdf$/);
    expect(attachment!.body.byteLength).toBe(pdf.byteLength);
    expect(Buffer.compare(attachment!.body, pdf)).toBe(0);
    // The base64 arrived folded over many lines: the comparison above went through the unfolding.
    expect(received!.raw.toString('latin1').split('\r\n').length).toBeGreaterThan(4000);

    const html = textOf(findPart(message, 'text/html')!);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('<a href="https://tickcast.test/reports/42">');
    const text = textOf(findPart(message, 'text/plain')!);
    expect(text).toContain('\n.A paragraph that starts with a dot');
    expect(text).toContain('The full report is attached as a PDF (tickcast-report-2026-06-12.pdf).');
  });

  it('gives every attempt of one delivery the same Message-ID, and other deliveries other ones', async () => {
    const email = transport();
    const first = await email.send(ALICE, reportBody(report), key(ALICE));
    const again = await email.send(ALICE, reportBody(report), key(ALICE));
    const other = await email.send('bob@example.test', reportBody(report), key('bob@example.test'));
    expect(again.externalId).toBe(first.externalId);
    expect(other.externalId).not.toBe(first.externalId);
    expect(fake.messages.map((message) => header(parseMime(message.raw), 'message-id'))).toEqual([first.externalId, first.externalId, other.externalId]);
    expect(await email.findSent(ALICE, key(ALICE))).toBeNull();
  });

  it('fails for good when the server refuses the recipient with 550, quoting the reply', async () => {
    const error = await transport().send(BOUNCES, reportBody(report), key(BOUNCES)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(UserError);
    expect(error).not.toBeInstanceOf(TemporaryError);
    expect(error).toMatchObject({ code: 'email_recipient_rejected' });
    expect((error as Error).message).toContain(`emailing report 42 to ${BOUNCES}`);
    expect((error as Error).message).toContain(`550 5.1.1 <${BOUNCES}>: mailbox unavailable`);
    expect(fake.messages).toEqual([]);
  });

  it('retries a 451, and the retry goes through once the server accepts', async () => {
    const email = transport();
    const error = await email.send(LATER, reportBody(report), key(LATER)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TemporaryError);
    expect(error).toMatchObject({ code: 'smtp_deferred' });
    expect((error as Error).message).toContain('451 4.3.0 try again later');
    expect(fake.messages).toEqual([]);

    fake.defer.delete(LATER);
    await email.send(LATER, reportBody(report), key(LATER));
    expect(fake.messages.map((message) => message.to)).toEqual([[LATER]]);
  });

  it('retries when the server is down, naming host:port and never the password, and sends once it is back', async () => {
    const secret = 's3cret-pa55word';
    const email = transport({ smtpUrl: fake.url({ user: 'mailer', pass: secret }) });
    await fake.stop();
    const error = await email.send(ALICE, reportBody(report), key(ALICE)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TemporaryError);
    expect(error).toMatchObject({ code: 'smtp_unreachable' });
    const message = (error as Error).message;
    expect(message).toContain(`127.0.0.1:${fake.port}`);
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain(secret);
    expect(String((error as Error).cause)).not.toContain(secret);

    await fake.restart();
    await email.send(ALICE, reportBody(report), key(ALICE));
    expect(fake.messages).toHaveLength(1);
  });

  it('retries a message cut off mid-DATA, of which the server kept nothing', async () => {
    const email = transport();
    fake.dropDuringData.add(ALICE);
    const error = await email.send(ALICE, reportBody(report), key(ALICE)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(TemporaryError);
    expect(error).toMatchObject({ code: 'smtp_unreachable' });
    expect(fake.messages).toEqual([]);

    fake.dropDuringData.clear();
    await email.send(ALICE, reportBody(report), key(ALICE));
    expect(fake.messages).toHaveLength(1);
    expect(Buffer.compare(findPart(parseMime(fake.messages[0]!.raw), 'application/pdf')!.body, pdf)).toBe(0);
  });

  it('fails for good on a refused login, telling the admin to check SMTP_URL', async () => {
    const guarded = await startFakeSmtpServer({ credentials: { user: 'mailer', pass: 'right-password' } });
    try {
      const email = transport({ smtpUrl: guarded.url({ user: 'mailer', pass: 'wrong-password' }) });
      const error = await email.send(ALICE, reportBody(report), key(ALICE)).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(OperationalError);
      expect(error).toMatchObject({ code: 'smtp_auth_failed' });
      expect((error as Error).message).toContain('535 5.7.8 authentication failed');
      expect((error as Error).message).not.toContain('wrong-password');
      await expect(email.verify()).rejects.toMatchObject({ code: 'smtp_auth_failed' });

      await transport({ smtpUrl: guarded.url({ user: 'mailer', pass: 'right-password' }) }).send(ALICE, reportBody(report), key(ALICE));
      expect(guarded.messages).toHaveLength(1);
    } finally {
      await guarded.close();
    }
  });

  it('fails for good, without connecting, when the PDF is missing', async () => {
    await unlink(path.join(dataDir, report.pdfPath));
    const error = await transport().send(ALICE, reportBody(report), key(ALICE)).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperationalError);
    expect(error).toMatchObject({ code: 'report_pdf_missing' });
    expect((error as Error).message).toBe(`report 42: its PDF is missing at ${path.join(dataDir, report.pdfPath)}`);
    expect(fake.connections()).toBe(0);
  });

  it('refuses, without connecting, anything but a report', async () => {
    const email = transport();
    const notice = { kind: 'notice', title: 'hello', text: 'world', severity: 'info' } as const;
    const error = await email.send(ALICE, notice, 'notice:1').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperationalError);
    expect(error).not.toBeInstanceOf(TemporaryError);
    expect((error as Error).message).toBe('email carries only daily reports; a notice message cannot be sent by email');
    expect(fake.connections()).toBe(0);
  });

  it('refuses, without connecting, an address that is not one, naming it', async () => {
    const email = transport();
    const bad = ['', 'alice', 'alice@localhost', '@example.test', 'alice@@example.test', 'alice@example.test, mallory@evil.test', 'Alice <alice@example.test>', 'alice@example.test\r\nBcc: mallory@evil.test', 'al ice@example.test', 'alice.@example.test', 'alice@-example.test'];
    for (const address of bad) {
      const error = await email.send(address, reportBody(report), key(address)).catch((err: unknown) => err);
      expect(error, address).toBeInstanceOf(UserError);
      expect((error as Error).message, address).toBe(`${JSON.stringify(address)} is not an email address tickcast can send to`);
    }
    expect(fake.connections()).toBe(0);
    for (const good of ['first.last+tag@mail.example.test', "o'brien@example.co.uk", 'X_Y-Z@sub-domain.example.test']) {
      await email.send(good, reportBody(report), key(good));
    }
    expect(fake.messages.map((message) => message.to[0])).toEqual(['first.last+tag@mail.example.test', "o'brien@example.co.uk", 'X_Y-Z@sub-domain.example.test']);
  });

  it('verifies a server that is up, and says which one is down or silent', async () => {
    const email = transport();
    await expect(email.verify()).resolves.toBeUndefined();
    expect(fake.messages).toEqual([]);

    await fake.stop();
    const down = await email.verify().catch((err: unknown) => err);
    expect(down).toBeInstanceOf(TemporaryError);
    expect((down as Error).message).toMatch(new RegExp(`^checking SMTP_URL: could not talk to the SMTP server at 127\\.0\\.0\\.1:${fake.port} \\(ECONNREFUSED\\)`));

    // Accepts the connection, never greets.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as AddressInfo).port;
      const started = Date.now();
      const hung = await transport({ smtpUrl: `smtp://127.0.0.1:${port}`, timeoutMs: 300 }).verify().catch((err: unknown) => err);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(hung).toBeInstanceOf(TemporaryError);
      expect((hung as Error).message).toContain(`127.0.0.1:${port}`);
    } finally {
      // Its accepted sockets end as the client gives up on them.
      silent.close();
    }
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps:// without repeating it', () => {
    expect(() => createEmailTransport({ smtpUrl: 'http://user:hunter22@mail.test', from: FROM, dataDir: '.', publicUrl: null })).toThrow(/^SMTP_URL must start with smtp:\/\/ or smtps:\/\/, not http:\/\/$/);
    expect(() => createEmailTransport({ smtpUrl: 'user:hunter22 at mail', from: FROM, dataDir: '.', publicUrl: null })).toThrow(OperationalError);
  });
});
