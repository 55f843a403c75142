import { createEmailTransport, type EmailTransport } from '../mail/emailTransport.ts';
import type { Config } from './config.ts';

/** nodemailer's own wait for the connection, the greeting and each reply, unless the outbox lease asks for less. */
const STEP_TIMEOUT_MS = 10_000;
/** A send waits on about this many replies (greeting, EHLO, MAIL, RCPT, DATA, the end of DATA…). */
const SEND_STEPS = 6;

/**
 * The email transport as the configuration sets it up, for the service, `tickcast report --email` and doctor. Each
 * wait is short enough that a whole send ends inside the outbox lease: a send still running when its lease ran out
 * would be claimed again by another worker and, since SMTP cannot say what arrived, sent twice.
 */
export function emailTransportFor(config: Config): EmailTransport {
  if (!config.mail.smtpUrl) throw new Error('emailTransportFor needs SMTP_URL; check config.mail.smtpUrl first');
  return createEmailTransport({
    smtpUrl: config.mail.smtpUrl,
    from: config.mail.from,
    dataDir: config.database.dataDir,
    publicUrl: config.publicUrl,
    timeoutMs: Math.min(STEP_TIMEOUT_MS, Math.floor(config.outbox.leaseMs / SEND_STEPS)),
  });
}
