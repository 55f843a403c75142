import type { Logger } from 'pino';
import { RateLimitedError, TemporaryError, TickcastError, oneLine } from '../core/errors.ts';
import type { ChatTransport, ClaimedMessage, DeliverySurface, OutboxRepo } from '../core/outbox.ts';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.ts';
import { Waker } from './waker.ts';

export interface OutboxWorkerOptions {
  store: { outbox: OutboxRepo };
  transports: readonly ChatTransport[];
  logger: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
  clock?: () => Date;
  /** Least time between two messages to one channel (Slack asks for about one per second). */
  minGapMs?: number;
  /** How long a claim holds a message and its channel; a send cut off longer ago is retried as uncertain. */
  leaseMs?: number;
  /** Attempts (429s included) after which a temporary error gives the message up; a 429 itself never does. */
  maxAttempts?: number;
  /** Longest idle sleep: how soon a message enqueued by another process (which cannot `notify`) goes out. */
  pollMs?: number;
  /** Claim loops, so one slow channel does not hold up the others; each channel stays paced by the repository. */
  concurrency?: number;
  /** Where each delivery attempt's outcome is counted. */
  telemetry?: Telemetry;
}

export interface OutboxWorker {
  /** Wake the idle loops: something was just enqueued. */
  notify(): void;
  /** Resolves once nothing on the transports' surfaces waits or is in flight; rejects after `timeoutMs`. */
  drain(timeoutMs: number): Promise<void>;
  /** Stop claiming; resolves once the sends in flight have finished and been recorded. */
  stop(): Promise<void>;
}

/** Backoff after a temporary error: 1 s, 2 s, 4 s, … per attempt, at most 5 minutes. */
export const RETRY_BASE_MS = 1000;
export const RETRY_CAP_MS = 5 * 60_000;
/** Backoff of a claim loop after the database failed it: 1 s doubling to 1 minute. */
const HICCUP_BASE_MS = 1000;
const HICCUP_CAP_MS = 60_000;
/** Shortest idle sleep, so a message due now that another loop holds does not make the loops spin. */
const MIN_IDLE_MS = 25;
const DRAIN_CHECK_MS = 20;

/**
 * Delivers the outbound queue. Each loop claims the oldest due message of a channel that may be sent to now (the
 * repository holds that channel for the lease), and settles it: delivered, rescheduled or failed, each with the
 * time the channel may be sent to again. A claim marked uncertain (a previous attempt was cut off) is first looked
 * for in the channel, so a message that did arrive is not posted twice. Transport and database errors are logged
 * and never end the loop: a send whose outcome could not be recorded is found again by `findSent` once its lease ends.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const settings = {
    outbox: options.store.outbox,
    logger: options.logger,
    clock: options.clock ?? (() => new Date()),
    minGapMs: options.minGapMs ?? 1000,
    leaseMs: options.leaseMs ?? 30_000,
    maxAttempts: options.maxAttempts ?? 8,
    pollMs: options.pollMs ?? 5000,
    telemetry: options.telemetry ?? NO_TELEMETRY,
  };
  const transports = new Map<DeliverySurface, ChatTransport>(options.transports.map((transport) => [transport.surface, transport]));
  const surfaces = [...transports.keys()];
  /** Woken by `notify`: ends idle sleeps. */
  const waker = new Waker();
  /** Woken only by `stop`: ends backoff sleeps, which a burst of notifies must not cut short. */
  const stopping = new Waker();
  let stopped = false;
  let inFlight = 0;

  async function claimLoop(): Promise<void> {
    let hiccups = 0;
    while (!stopped) {
      const seen = waker.generation;
      try {
        const claimed = await settings.outbox.claimNext({ now: settings.clock(), surfaces, leaseMs: settings.leaseMs });
        if (claimed) {
          inFlight++;
          try {
            await deliver(claimed);
          } finally {
            inFlight--;
          }
        } else {
          await waker.wait(await idleMs(), seen);
        }
        hiccups = 0;
      } catch (err) {
        hiccups++;
        const backoff = Math.min(HICCUP_BASE_MS * 2 ** (hiccups - 1), HICCUP_CAP_MS);
        settings.logger.error({ err, backoffMs: backoff }, 'outbox: the queue could not be read or updated; backing off');
        await stopping.wait(backoff, stopping.generation);
      }
    }
  }

  async function idleMs(): Promise<number> {
    const due = await settings.outbox.nextDueAt(surfaces);
    const wait = due === null ? settings.pollMs : due.getTime() - settings.clock().getTime();
    return Math.min(Math.max(wait, MIN_IDLE_MS), settings.pollMs);
  }

  async function deliver(message: ClaimedMessage): Promise<void> {
    const transport = transports.get(message.channel.surface)!;
    const { channelId } = message.channel;
    const log = { messageId: message.id, surface: message.channel.surface, channelId, attempt: message.attempts };
    let externalId: string | null;
    try {
      // A retry is looked for first too: an attempt that timed out may have reached the channel all the same.
      const found = message.uncertain || message.attempts > 1 ? await transport.findSent(channelId, message.dedupeKey) : null;
      if (found !== null) settings.logger.info({ ...log, externalId: found }, 'outbox: an attempt cut off had reached the channel; not resending');
      externalId = found ?? (await transport.send(channelId, message.body, message.dedupeKey)).externalId;
    } catch (err) {
      await settleFailure(message, err, log);
      return;
    }
    await settings.outbox.delivered(message.id, externalId, after(settings.minGapMs));
    settings.telemetry.deliveryFinished(message.channel.surface, message.body.kind, 'sent');
    settings.logger.debug({ ...log, externalId }, 'outbox: delivered');
  }

  async function settleFailure(message: ClaimedMessage, err: unknown, log: Record<string, unknown>): Promise<void> {
    const error = describe(err);
    if (err instanceof RateLimitedError) {
      // The platform said when: the message and its channel wait that long. A rate limit alone never makes us give up.
      const retryAfterMs = Number.isFinite(err.retryAfterMs) ? Math.max(err.retryAfterMs, settings.minGapMs) : RETRY_BASE_MS;
      const at = after(retryAfterMs);
      settings.logger.warn({ ...log, retryAfterMs }, 'outbox: rate limited; waiting as asked');
      await settings.outbox.reschedule(message.id, at, error, at);
      settings.telemetry.deliveryFinished(message.channel.surface, message.body.kind, 'retry');
    } else if (err instanceof TemporaryError && message.attempts < settings.maxAttempts) {
      // The channel waits too, so the next message cannot overtake this one: each channel stays in order.
      const delayMs = Math.min(RETRY_BASE_MS * 2 ** (message.attempts - 1), RETRY_CAP_MS);
      const at = after(delayMs);
      settings.logger.warn({ ...log, err, delayMs }, 'outbox: temporary failure; will retry');
      await settings.outbox.reschedule(message.id, at, error, at);
      settings.telemetry.deliveryFinished(message.channel.surface, message.body.kind, 'retry');
    } else {
      const why = err instanceof TemporaryError ? `gave up after ${message.attempts} attempts` : 'permanent failure';
      settings.logger.error({ ...log, err }, `outbox: ${why}; message dropped`);
      await settings.outbox.failed(message.id, `${why}: ${error}`, after(settings.minGapMs));
      settings.telemetry.deliveryFinished(message.channel.surface, message.body.kind, 'failed');
    }
  }

  function after(ms: number): Date {
    return new Date(settings.clock().getTime() + ms);
  }

  const loops = Array.from({ length: Math.max(1, options.concurrency ?? 4) }, () => claimLoop());

  return {
    notify: () => waker.wake(),

    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      waker.wake();
      for (;;) {
        // A message claimed but not yet settled is `sending`, so the queue reads as empty only once it is settled.
        if (inFlight === 0 && (await settings.outbox.nextDueAt(surfaces)) === null) return;
        if (stopped) throw new TemporaryError('outbox_stopped', 'the outbox worker stopped before the queue was drained');
        if (Date.now() >= deadline) {
          const depth = await settings.outbox.depth();
          throw new TemporaryError('outbox_drain_timeout', `the outbox still holds ${depth.pending} pending and ${depth.sending} sending messages after ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, DRAIN_CHECK_MS));
      }
    },

    async stop() {
      stopped = true;
      waker.wake();
      stopping.wake();
      await Promise.all(loops);
    },
  };
}

function describe(err: unknown): string {
  return err instanceof TickcastError ? `${err.code}: ${oneLine(err)}` : oneLine(err);
}
