import type { Config } from '../../app/config.ts';
import type { Logger } from '../../app/logger.ts';
import type { ChatTransport } from '../../core/outbox.ts';
import type { Bot } from '../bot.ts';
import { createDiscordTransport } from './discordTransport.ts';
import { closeDiscordRest, createDiscordRest } from './discordRest.ts';
import type { ChartRenderer } from './discordReply.ts';
import { createGatewaySurface, type GatewaySurface } from './gatewaySurface.ts';
import { createInteractionsRoute, type InteractionsRoute } from './interactionsRoute.ts';

export interface DiscordSurfaceOptions {
  bot: Bot;
  config: Config['discord'];
  logger: Logger;
  charts?: ChartRenderer;
}

export interface DiscordSurface {
  /** `http`: interactions arrive at POST /discord/interactions; `gateway`: over a websocket; `off`: not configured. */
  mode: 'http' | 'gateway' | 'off';
  /** Mount on the service's HTTP server (http mode). */
  route: InteractionsRoute | null;
  /** The outbox's Discord side: present whenever a bot token is configured. */
  transport: ChatTransport | null;
  /** Connects the gateway (gateway mode); nothing to do otherwise. */
  start(): Promise<void>;
  /** Waits for answers in progress, then disconnects. */
  stop(): Promise<void>;
}

/**
 * Discord as configured: HTTP interactions when a public key is set (Discord calls us), the gateway when only a bot
 * token is (we call Discord; no public URL needed). Posting alerts needs the token either way.
 */
export function createDiscordSurface(options: DiscordSurfaceOptions): DiscordSurface {
  const { config, logger } = options;
  const log = logger.child({ surface: 'discord' });
  const interactionRest = config.publicKey ? createDiscordRest({ apiUrl: config.apiUrl }) : null;
  const outboxRest = config.token ? createDiscordRest({ apiUrl: config.apiUrl, token: config.token, rejectOnRateLimit: true, retries: 0, timeoutMs: 10_000 }) : null;
  const route = interactionRest && config.publicKey ? createInteractionsRoute({ bot: options.bot, publicKey: config.publicKey, rest: interactionRest, logger: log, charts: options.charts }) : null;
  const gateway: GatewaySurface | null =
    !route && config.token ? createGatewaySurface({ bot: options.bot, token: config.token, apiUrl: config.apiUrl, logger: log, charts: options.charts }) : null;
  const mode = route ? 'http' : gateway ? 'gateway' : 'off';
  if (route && !config.token) log.info('Discord interactions without DISCORD_TOKEN: commands work, alerts cannot be posted to Discord');

  return {
    mode,
    route,
    transport: outboxRest ? createDiscordTransport(outboxRest) : null,
    async start() {
      if (gateway) await gateway.start();
    },
    async stop() {
      await route?.settled();
      await gateway?.stop();
      for (const rest of [interactionRest, outboxRest]) if (rest) closeDiscordRest(rest);
    },
  };
}
