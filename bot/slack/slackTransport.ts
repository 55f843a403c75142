import { webApi } from '@slack/bolt';
import type { ChatTransport, OutboundBody } from '../../core/outbox.ts';
import { renderOutbound } from './slackBlocks.ts';
import { toTickcastError } from './slackErrors.ts';

/**
 * The outbox's way into Slack. Each message carries its dedupe key as message metadata, so after a send whose
 * outcome is unknown (the process died mid-call) `findSent` can look in the channel before sending again.
 */
export const DELIVERY_EVENT_TYPE = 'tickcast_delivery';

/** How far back `findSent` looks: the outbox resends within minutes, long before 100 newer messages pile up. */
const HISTORY_WINDOW = 100;

export interface SlackTransportOptions {
  botToken: string;
  apiUrl?: string | null;
  /** Per-call timeout; a call that takes longer counts as a temporary failure. */
  timeoutMs?: number;
  logger?: webApi.Logger;
}

/**
 * A WebClient for the outbox: no retries and no waiting on 429s inside the client, because the outbox persists
 * the retry, paces the channel and honours Retry-After itself (and survives a restart while doing so).
 */
export function createOutboxClient(options: SlackTransportOptions): webApi.WebClient {
  return new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
    ...(options.logger ? { logger: options.logger } : {}),
  });
}

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export function createSlackTransport(client: webApi.WebClient): ChatTransport {
  return {
    surface: 'slack',
    async send(channelId: string, body: OutboundBody, dedupeKey: string) {
      const rendered = renderOutbound(body);
      try {
        const result = await client.chat.postMessage({
          channel: channelId,
          text: rendered.text,
          blocks: rendered.blocks,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: DELIVERY_EVENT_TYPE, event_payload: { dedupe_key: dedupeKey } },
        });
        return { externalId: typeof result.ts === 'string' ? result.ts : null };
      } catch (err) {
        throw toTickcastError(err, 'chat.postMessage');
      }
    },
    async findSent(channelId: string, dedupeKey: string) {
      try {
        const result = await client.conversations.history({ channel: channelId, limit: HISTORY_WINDOW, include_all_metadata: true });
        const messages = (result.messages ?? []) as HistoryMessage[];
        const sent = messages.find((m) => m.metadata?.event_type === DELIVERY_EVENT_TYPE && m.metadata.event_payload?.dedupe_key === dedupeKey);
        return sent?.ts ?? null;
      } catch (err) {
        throw toTickcastError(err, 'conversations.history');
      }
    },
  };
}
