import type { AlertEvent } from './alerts.ts';
import { SURFACES } from './chat.ts';
import type { ReportDelivery } from './reports.ts';

/**
 * The persisted outbound queue. Whatever tickcast posts on its own (alerts, notices to admins) is enqueued in the
 * same transaction as the change that caused it, then delivered by a worker that paces each channel, honours
 * Retry-After, and checks the channel before resending a message whose first attempt may have gone through.
 */
export type OutboundBody =
  | { kind: 'alert'; event: AlertEvent }
  | { kind: 'notice'; title: string; text: string; severity: 'info' | 'warning' | 'error' }
  /** The daily report, to a subscriber: an email with the PDF attached, or the PDF uploaded to a chat channel. */
  | { kind: 'report'; report: ReportDelivery };

/** Where tickcast delivers: the chat surfaces, and email for report subscribers. */
export const DELIVERY_SURFACES = [...SURFACES, 'email'] as const;
export type DeliverySurface = (typeof DELIVERY_SURFACES)[number];

/** A destination: a chat channel, or an email address (`channelId` holds the address). */
export interface DeliveryChannel {
  surface: DeliverySurface;
  channelId: string;
}

export const DELIVERY_STATES = ['pending', 'sending', 'delivered', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface OutboundMessage {
  id: number;
  channel: DeliveryChannel;
  body: OutboundBody;
  /** One message per key, ever: enqueueing the same key twice adds nothing. */
  dedupeKey: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: Date;
  createdAt: Date;
  deliveredAt: Date | null;
  externalId: string | null;
  lastError: string | null;
}

export interface ClaimedMessage extends OutboundMessage {
  /** A previous attempt was cut off mid-send (its process died): it may have reached the channel. */
  uncertain: boolean;
}

export interface ClaimOptions {
  now: Date;
  surfaces: readonly DeliverySurface[];
  /** How long the claim holds the message and its channel; an attempt cut off is retried after it. */
  leaseMs: number;
}

export interface OutboxRepo {
  /** The message's id, or null when its dedupe key was already enqueued. */
  enqueue(message: { channel: DeliveryChannel; body: OutboundBody; dedupeKey: string }): Promise<number | null>;
  /**
   * Claims the oldest due message of a channel that may be sent to now, marks it `sending` and holds the channel
   * until the lease ends, so no other worker sends to that channel meanwhile.
   */
  claimNext(options: ClaimOptions): Promise<ClaimedMessage | null>;
  /** Marks a claimed message delivered; the channel may be sent to again from `channelFreeAt`. */
  delivered(id: number, externalId: string | null, channelFreeAt: Date): Promise<void>;
  /** Puts a claimed message back for another attempt at `at`, keeping the error. */
  reschedule(id: number, at: Date, error: string, channelFreeAt: Date): Promise<void>;
  /** Gives up on a claimed message for good (permanent error or attempts exhausted). */
  failed(id: number, error: string, channelFreeAt: Date): Promise<void>;
  /** Oldest first; `keyPrefix` picks the messages of one origin, e.g. `report:12:` for a report's deliveries. */
  list(query?: { state?: DeliveryState; keyPrefix?: string; limit?: number }): Promise<OutboundMessage[]>;
  depth(): Promise<Record<DeliveryState, number>>;
  /** When the next message on these surfaces becomes due (null: none waiting). */
  nextDueAt(surfaces: readonly DeliverySurface[]): Promise<Date | null>;
}

/**
 * A destination's side of delivery, implemented by each chat surface and by email. Throw `RateLimitedError` on a
 * 429, a `TemporaryError` for anything worth retrying, anything else for a permanent failure.
 */
export interface ChatTransport {
  surface: DeliverySurface;
  send(channelId: string, body: OutboundBody, dedupeKey: string): Promise<{ externalId: string | null }>;
  /** For a send whose outcome is unknown: the id of the message with this key if it reached the channel. */
  findSent(channelId: string, dedupeKey: string): Promise<string | null>;
}
