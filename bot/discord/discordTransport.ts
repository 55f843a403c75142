import crypto from 'node:crypto';
import { makeURLSearchParams, Routes, type APIEmbed, type APIMessage, type REST } from 'discord.js';
import type { ChatTransport, OutboundBody } from '../../core/outbox.ts';
import { EMBED_LIMITS, truncate } from './embedLimits.ts';
import { outboundEmbed } from './outboundEmbed.ts';
import { discordFailure } from './discordRest.ts';

/** How many recent messages `findSent` reads: Discord's largest page. */
export const FIND_SENT_SCAN = 50;

/**
 * The message nonce for a dedupe key: at most 25 characters, as Discord allows. With `enforce_nonce`, Discord
 * answers a repeat within a few minutes with the message it already created instead of posting it twice.
 */
export function nonceFor(dedupeKey: string): string {
  return crypto.createHash('sha256').update(dedupeKey).digest('hex').slice(0, 25);
}

const keyMark = (dedupeKey: string) => `ref ${dedupeKey}`;

/** The embed with the dedupe key at the end of its footer, where `findSent` looks for it after the nonce has expired. */
export function withDedupeKey(embed: APIEmbed, dedupeKey: string): APIEmbed {
  const mark = keyMark(dedupeKey);
  const existing = embed.footer?.text ? truncate(embed.footer.text, EMBED_LIMITS.footer - mark.length - 3) : '';
  return { ...embed, footer: { ...embed.footer, text: existing ? `${existing} · ${mark}` : mark } };
}

function carriesKey(message: APIMessage, dedupeKey: string): boolean {
  if (message.nonce !== undefined && String(message.nonce) === nonceFor(dedupeKey)) return true;
  return message.embeds.some((embed) => embed.footer?.text.endsWith(keyMark(dedupeKey)) ?? false);
}

/**
 * The outbox's Discord side: posts alerts and notices to channels with the bot token. `rest` must reject on 429
 * (`createDiscordRest({ rejectOnRateLimit: true, retries: 0 })`) so the outbox, not the client, decides when to retry.
 */
export function createDiscordTransport(rest: REST): ChatTransport {
  return {
    surface: 'discord',
    async send(channelId: string, body: OutboundBody, dedupeKey: string) {
      const embed = withDedupeKey(outboundEmbed(body), dedupeKey);
      try {
        const message = (await rest.post(Routes.channelMessages(channelId), {
          body: { embeds: [embed], nonce: nonceFor(dedupeKey), enforce_nonce: true, allowed_mentions: { parse: [] } },
        })) as APIMessage;
        return { externalId: message.id };
      } catch (err) {
        throw discordFailure(err, `a message to channel ${channelId}`);
      }
    },
    async findSent(channelId: string, dedupeKey: string) {
      try {
        const messages = (await rest.get(Routes.channelMessages(channelId), { query: makeURLSearchParams({ limit: FIND_SENT_SCAN }) })) as APIMessage[];
        return messages.find((m) => carriesKey(m, dedupeKey))?.id ?? null;
      } catch (err) {
        throw discordFailure(err, `reading channel ${channelId}`);
      }
    },
  };
}
