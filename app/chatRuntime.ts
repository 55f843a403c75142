import { startOutboxWorker, type OutboxWorker } from '../alerts/outboxWorker.ts';
import { createBotServices, type BotServiceOptions } from './botServices.ts';
import { createBot } from '../bot/createBot.ts';
import { createDiscordSurface } from '../bot/discord/discordSurface.ts';
import { createSlackSurface } from '../bot/slack/slackSurface.ts';
import type { ChatTransport } from '../core/outbox.ts';
import { emailTransportFor } from './emailTransportFor.ts';
import type { HttpRoute } from './httpServer.ts';
import type { BotServices } from '../bot/services.ts';
import type { Bot } from '../bot/bot.ts';
import type { App } from './wiring.ts';

export interface ChatRuntime {
  /** Routes to mount on the service's HTTP server (Slack receiver, Discord interactions). */
  routes: HttpRoute[];
  /** The bot every surface goes through (the terminal route of the service too). */
  bot: Bot;
  /** The services the commands use (the memoised forecast included), for the REST API to share. */
  services: BotServices;
  /** One line per surface: on (and how) or off (and why), for the start-up banner. */
  surfaces: string[];
  /** The outbox worker of a process that delivers (roles `worker` and `all`); null in a web-only process. */
  worker: OutboxWorker | null;
  /** Stop taking chat work, let answers in progress finish, finish the delivery in flight. */
  stop(): Promise<void>;
}

export interface ChatRuntimeOptions {
  /** Take chat commands: mount the Slack and Discord receivers, open Socket Mode or the gateway (roles `web`, `all`). */
  receive: boolean;
  /** Run the outbox worker: post alerts, notices and reports through the surfaces and email (roles `worker`, `all`). */
  deliver: boolean;
  /** Ask for a retrain on the job queue instead of in this process (a scheduler is there to take it). */
  retrain?: BotServiceOptions['retrain'];
}

/**
 * The chat side of `tickcast start`: the bot over the app's services, each surface its tokens enable, and the
 * outbox worker delivering alerts and reports through them (and by email when SMTP_URL is set). Surfaces without
 * tokens stay off and say which variable turns them on. A web-only process receives and answers but delivers
 * nothing; a worker delivers but receives nothing (its surfaces are clients only).
 */
export async function startChatRuntime(app: App, options: ChatRuntimeOptions = { receive: true, deliver: true }): Promise<ChatRuntime> {
  const { config, logger } = app;
  let worker: OutboxWorker | null = null;
  const services = createBotServices(app, { onEnqueued: () => worker?.notify(), retrain: options.retrain });
  const bot = createBot(services, { logger, telemetry: app.telemetry });
  const routes: HttpRoute[] = [];
  const transports: ChatTransport[] = [];
  const surfaces: string[] = [];
  const stops: (() => Promise<void>)[] = [];

  if (config.slack.botToken) {
    const slack = createSlackSurface({ bot, config: config.slack, logger });
    transports.push(slack.transport);
    if (options.receive) {
      if (slack.route) routes.push(slack.route);
      await slack.start();
      stops.push(() => slack.stop());
    }
    surfaces.push(!options.receive ? 'Slack: deliveries only (this role takes no commands)' : slack.mode === 'socket' ? 'Slack: Socket Mode' : 'Slack: slash commands at /slack/events');
  } else {
    surfaces.push('Slack: off (set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_APP_TOKEN for Socket Mode)');
  }

  const discord = createDiscordSurface({ bot, config: config.discord, logger });
  if (discord.mode === 'off') {
    surfaces.push('Discord: off (set DISCORD_APP_ID with DISCORD_PUBLIC_KEY for interactions, or DISCORD_TOKEN for the gateway)');
  } else {
    if (discord.transport) transports.push(discord.transport);
    if (options.receive) {
      if (discord.route) routes.push(discord.route);
      await discord.start();
    }
    stops.push(() => discord.stop());
    const alerts = discord.transport ? '' : '; alerts to Discord need DISCORD_TOKEN';
    surfaces.push(!options.receive ? 'Discord: deliveries only (this role takes no commands)' : discord.mode === 'http' ? `Discord: interactions at /discord/interactions${alerts}` : 'Discord: gateway connection');
  }

  if (config.mail.smtpUrl) {
    const email = emailTransportFor(config);
    transports.push(email);
    stops.push(async () => email.close());
    surfaces.push('Email: report deliveries through SMTP_URL');
  } else {
    surfaces.push('Email: off (set SMTP_URL to email reports to subscribers)');
  }

  worker = options.deliver ? startOutboxWorker({ store: app.store, transports, logger, leaseMs: config.outbox.leaseMs, telemetry: app.telemetry }) : null;
  const started = worker;
  return {
    routes,
    bot,
    services,
    surfaces,
    worker: started,
    async stop() {
      await Promise.allSettled(stops.map((stop) => stop()));
      await started?.stop();
    },
  };
}
