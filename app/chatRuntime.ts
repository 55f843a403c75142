import { startOutboxWorker, type OutboxWorker } from '../alerts/outboxWorker.ts';
import { createBotServices } from './botServices.ts';
import { createBot } from '../bot/createBot.ts';
import { createDiscordSurface } from '../bot/discord/discordSurface.ts';
import { createSlackSurface } from '../bot/slack/slackSurface.ts';
import type { ChatTransport } from '../core/outbox.ts';
import { emailTransportFor } from './emailTransportFor.ts';
import type { HttpRoute } from './httpServer.ts';
import type { App } from './wiring.ts';

/** How long chat request ids are remembered, and how often older ones are forgotten. */
const REQUEST_MEMORY_MS = 24 * 3600_000;
const PRUNE_EVERY_MS = 3600_000;

export interface ChatRuntime {
  /** Routes to mount on the service's HTTP server (Slack receiver, Discord interactions). */
  routes: HttpRoute[];
  /** One line per surface: on (and how) or off (and why), for the start-up banner. */
  surfaces: string[];
  worker: OutboxWorker;
  /** Stop taking chat work, let answers in progress finish, finish the delivery in flight. */
  stop(): Promise<void>;
}

/**
 * The chat side of `tickcast start`: the bot over the app's services, each surface its tokens enable, and the
 * outbox worker delivering alerts and reports through them (and by email when SMTP_URL is set). Surfaces without
 * tokens stay off and say which variable turns them on.
 */
export async function startChatRuntime(app: App): Promise<ChatRuntime> {
  const { config, logger } = app;
  let worker: OutboxWorker | null = null;
  const services = createBotServices(app, { onEnqueued: () => worker?.notify() });
  const bot = createBot(services, { logger });
  const routes: HttpRoute[] = [];
  const transports: ChatTransport[] = [];
  const surfaces: string[] = [];
  const stops: (() => Promise<void>)[] = [];

  if (config.slack.botToken) {
    const slack = createSlackSurface({ bot, config: config.slack, logger });
    if (slack.route) routes.push(slack.route);
    transports.push(slack.transport);
    await slack.start();
    stops.push(() => slack.stop());
    surfaces.push(slack.mode === 'socket' ? 'Slack: Socket Mode' : 'Slack: slash commands at /slack/events');
  } else {
    surfaces.push('Slack: off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode)');
  }

  const discord = createDiscordSurface({ bot, config: config.discord, logger });
  if (discord.mode === 'off') {
    surfaces.push('Discord: off (set DISCORD_APP_ID with DISCORD_PUBLIC_KEY for interactions, or DISCORD_TOKEN for the gateway)');
  } else {
    if (discord.route) routes.push(discord.route);
    if (discord.transport) transports.push(discord.transport);
    await discord.start();
    stops.push(() => discord.stop());
    const alerts = discord.transport ? '' : '; alerts to Discord need DISCORD_TOKEN';
    surfaces.push(discord.mode === 'http' ? `Discord: interactions at /discord/interactions${alerts}` : 'Discord: gateway connection');
  }

  if (config.mail.smtpUrl) {
    const email = emailTransportFor(config);
    transports.push(email);
    stops.push(async () => email.close());
    surfaces.push('Email: report deliveries through SMTP_URL');
  } else {
    surfaces.push('Email: off (set SMTP_URL to email reports to subscribers)');
  }

  worker = startOutboxWorker({ store: app.store, transports, logger, leaseMs: config.outbox.leaseMs });
  const started = worker;
  // Request ids only guard against replays inside the platforms' five-minute window; a day's worth is plenty.
  const prune = setInterval(() => {
    app.store.requests.prune(new Date(Date.now() - REQUEST_MEMORY_MS)).catch((err: unknown) => logger.warn({ err }, 'pruning chat request ids failed'));
  }, PRUNE_EVERY_MS);
  prune.unref();
  return {
    routes,
    surfaces,
    worker: started,
    async stop() {
      clearInterval(prune);
      await Promise.allSettled(stops.map((stop) => stop()));
      await started.stop();
    },
  };
}
