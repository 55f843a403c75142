import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import { OperationalError, TemporaryError } from '../core/errors.ts';
import type { ChatTransport, OutboundBody } from '../core/outbox.ts';
import type { ReportDelivery } from '../core/reports.ts';
import { checkEmailAddress, senderDomain } from './emailAddress.ts';
import { readReportPdf } from './reportPdf.ts';
import { reportEmail } from './reportEmail.ts';
import { smtpEndpoint, smtpFailure } from './smtpFailure.ts';

/** The header that carries the outbox's dedupe key, so a delivered copy can be traced to its outbox row. */
const DELIVERY_HEADER = 'X-Tickcast-Delivery';

/**
 * Connecting, the greeting and each reply after it may take this long. Kept well under the outbox's 30 s lease, so
 * a stalled server fails the attempt (and it is retried) before the message could be claimed again as uncertain.
 */
const DEFAULT_TIMEOUT_MS = 10_000;
/** `verify` waits for the connection, the greeting and the replies to EHLO and login: give each its own timeout. */
const VERIFY_STEPS = 3;

export interface EmailTransportOptions {
  /** SMTP_URL: `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`. */
  smtpUrl: string;
  from: string;
  /** The data folder; report PDF paths are relative to it. */
  dataDir: string;
  publicUrl: string | null;
  timeoutMs?: number;
}

export type EmailTransport = ChatTransport & {
  /** Connects (and logs in) once; throws a `TemporaryError` or `OperationalError` saying what is wrong. */
  verify(): Promise<void>;
  close(): void;
};

/**
 * The outbox's way out by email: each message is one report to one subscriber (`channelId` is the address), so a
 * bad address fails only its own message. Delivery is at least once: SMTP cannot be asked whether a message
 * arrived, so `findSent` knows nothing, and a send cut off after the server took the message is sent again. The
 * Message-ID is derived from the dedupe key, so both copies carry the same one and mail clients fold them together.
 */
export function createEmailTransport(options: EmailTransportOptions): EmailTransport {
  const endpoint = smtpEndpoint(options.smtpUrl);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // Not pooled: a connection per message costs little for a daily report, and no send ever inherits a connection
  // that a restarted server or a failed message left in a bad state.
  const transporter = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    // Every part of the message is bytes we hand over: nodemailer must not read paths or URLs on its own.
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  });

  return {
    surface: 'email',

    async send(address: string, body: OutboundBody, dedupeKey: string) {
      // Everything that can be refused is checked before connecting: a refusal leaves the server untouched.
      const report = reportOf(body);
      const to = checkEmailAddress(address);
      const pdf = await readReportPdf(options.dataDir, report);
      const email = reportEmail(report, pdf, { from: options.from, publicUrl: options.publicUrl });
      const messageId = deliveryMessageId(dedupeKey, options.from);
      try {
        const info = await transporter.sendMail({ ...email, to, messageId, headers: { [DELIVERY_HEADER]: dedupeKey } });
        return { externalId: info.messageId || messageId };
      } catch (err) {
        throw smtpFailure(err, endpoint, `emailing report ${report.reportId} to ${to}`);
      }
    },

    async findSent() {
      // SMTP has no way to ask whether a message arrived; see above for what that means.
      return null;
    },

    async verify() {
      let timer: NodeJS.Timeout | undefined;
      // nodemailer's timeouts bound each wait and say which one ran out; this bounds the whole check (connect,
      // greeting, EHLO, login) against a server that answers each step just in time.
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), VERIFY_STEPS * timeoutMs);
      });
      let outcome: true | 'timeout';
      try {
        outcome = await Promise.race([transporter.verify(), timeout]);
      } catch (err) {
        throw smtpFailure(err, endpoint, 'checking SMTP_URL');
      } finally {
        clearTimeout(timer);
      }
      if (outcome === 'timeout') {
        throw new TemporaryError('smtp_unreachable', `checking SMTP_URL: the SMTP server at ${endpoint.label} did not finish the check within ${VERIFY_STEPS * timeoutMs} ms`);
      }
    },

    close() {
      transporter.close();
    },
  };
}

function reportOf(body: OutboundBody): ReportDelivery {
  if (body.kind !== 'report') {
    throw new OperationalError('email_body_unsupported', `email carries only daily reports; a ${body.kind} message cannot be sent by email`);
  }
  return body.report;
}

/**
 * `<hash-of-dedupe-key.tickcast@sender-domain>`: the same on every attempt of one delivery, different across
 * deliveries, and under the sender's domain as RFC 5322 asks.
 */
export function deliveryMessageId(dedupeKey: string, from: string): string {
  const hash = createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32);
  return `<${hash}.tickcast@${senderDomain(from) ?? 'tickcast.invalid'}>`;
}
