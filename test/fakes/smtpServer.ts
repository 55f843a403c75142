import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { createWaiters } from './localHttp.ts';

/**
 * A real SMTP server (smtp-server) on 127.0.0.1 standing in for the mail relay behind SMTP_URL. It keeps every
 * message it accepts as raw bytes with its envelope. Tests refuse recipients (550 for good, 451 for now), drop the
 * connection in the middle of a message, require a login, and take the whole server down and up again on the same
 * port to play "SMTP is down".
 */

export interface ReceivedMail {
  /** MAIL FROM. */
  from: string;
  /** RCPT TO, in order. */
  to: string[];
  /** The message as it arrived after DATA (headers and body, CRLF line ends). */
  raw: Buffer;
}

export interface FakeSmtpOptions {
  /** Recipients answered `550 5.1.1` at RCPT TO. */
  reject?: Iterable<string>;
  /** Recipients answered `451 4.3.0` at RCPT TO. */
  defer?: Iterable<string>;
  /** When set, a login is required and must match; without it any login (or none) is accepted. */
  credentials?: { user: string; pass: string };
}

export interface FakeSmtpServer {
  readonly port: number;
  /** `smtp://[user:pass@]127.0.0.1:PORT`. */
  url(credentials?: { user: string; pass: string }): string;
  /** Accepted messages in arrival order. */
  readonly messages: ReceivedMail[];
  /** TCP connections accepted so far, across restarts. */
  readonly connections: () => number;
  /** The scripted answers; change them between sends. */
  readonly reject: Set<string>;
  readonly defer: Set<string>;
  /** Recipients whose message is cut off: the connection drops once the first bytes of DATA arrive. */
  readonly dropDuringData: Set<string>;
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Close the listener and every open connection at once: nothing answers on the port until `restart`. */
  stop(): Promise<void>;
  /** Listen again on the same port. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startFakeSmtpServer(options: FakeSmtpOptions = {}): Promise<FakeSmtpServer> {
  const messages: ReceivedMail[] = [];
  const reject = new Set(options.reject ?? []);
  const defer = new Set(options.defer ?? []);
  const dropDuringData = new Set<string>();
  const sockets = new Map<number, Socket>();
  const waiters = createWaiters();
  let connections = 0;
  let port = 0;
  let server: SMTPServer | null = null;

  function onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    if (reject.has(address.address)) return callback(smtpReply(550, `5.1.1 <${address.address}>: mailbox unavailable`));
    if (defer.has(address.address)) return callback(smtpReply(451, '4.3.0 try again later'));
    callback();
  }

  function onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
    if (to.some((address) => dropDuringData.has(address))) {
      stream.once('data', () => sockets.get(session.remotePort)?.destroy());
      stream.resume();
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const mailFrom = session.envelope.mailFrom;
      messages.push({ from: mailFrom ? mailFrom.address : '', to, raw: Buffer.concat(chunks) });
      callback();
      waiters.notify();
    });
  }

  function onAuth(auth: { username?: string; password?: string | null }, _session: SMTPServerSession, callback: (err: Error | null | undefined, response?: { user: string }) => void): void {
    const expected = options.credentials;
    if (expected && (auth.username !== expected.user || auth.password !== expected.pass)) return callback(smtpReply(535, '5.7.8 authentication failed'));
    callback(null, { user: auth.username ?? 'anonymous' });
  }

  async function listen(): Promise<void> {
    const smtp = new SMTPServer({
      authOptional: !options.credentials,
      allowInsecureAuth: true,
      disabledCommands: ['STARTTLS'],
      disableReverseLookup: true,
      logger: false,
      onRcptTo,
      onData,
      onAuth,
    });
    smtp.server.on('connection', (socket: Socket) => {
      connections++;
      const remotePort = socket.remotePort ?? 0;
      sockets.set(remotePort, socket);
      socket.once('close', () => sockets.delete(remotePort));
    });
    // Clients that vanish mid-session make the server emit errors; they are the point of some tests, not failures.
    smtp.on('error', () => {});
    await new Promise<void>((resolve, fail) => {
      smtp.server.once('error', fail);
      smtp.listen(port, '127.0.0.1', () => resolve());
    });
    port = (smtp.server.address() as AddressInfo).port;
    server = smtp;
  }

  async function stop(): Promise<void> {
    const smtp = server;
    server = null;
    if (!smtp) return;
    const closed = new Promise<void>((resolve) => smtp.close(() => resolve()));
    for (const socket of sockets.values()) socket.destroy();
    await closed;
  }

  await listen();
  return {
    get port() {
      return port;
    },
    url: (credentials) => `smtp://${credentials ? `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}@` : ''}127.0.0.1:${port}`,
    messages,
    connections: () => connections,
    reject,
    defer,
    dropDuringData,
    waitForMessages: (count, timeoutMs = 10_000) =>
      waiters.until(() => (messages.length >= count ? messages.slice(0, count) : undefined), timeoutMs, () => `the fake SMTP server got ${messages.length} of ${count} messages`),
    stop,
    restart: async () => {
      if (!server) await listen();
    },
    close: stop,
  };
}

function smtpReply(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
