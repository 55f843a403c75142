import { App, HTTPReceiver, SocketModeReceiver, type AllMiddlewareArgs, type Receiver, type SlackCommandMiddlewareArgs, type webApi } from '@slack/bolt';
import type { Config } from '../../app/config.ts';
import type { HttpRoute } from '../../app/httpServer.ts';
import type { Logger } from '../../app/logger.ts';
import { UserError } from '../../core/errors.ts';
import type { ChatTransport } from '../../core/outbox.ts';
import type { Bot } from '../bot.ts';
import { boltLogger } from './boltLogger.ts';
import { DEFAULT_CHARTS, type ChartRenderers } from './slackFiles.ts';
import { createOutboxClient, createSlackTransport } from './slackTransport.ts';
import { answerSlashCommand } from './slashHandler.ts';

/**
 * Slack as a tickcast surface: Bolt's App with an HTTPReceiver that is mounted as a route on the service's own
 * HTTP server (never started on a port of its own), or Socket Mode when an app-level token is configured. Slash
 * commands are acknowledged at once and answered afterwards; the outbox posts alerts through `transport`.
 */
export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackSurfaceOptions {
  bot: Bot;
  config: Config['slack'];
  logger: Logger;
  /** Chart renderers; the real ones by default. */
  charts?: ChartRenderers;
}

export interface SlackSurface {
  mode: 'http' | 'socket';
  /** POST /slack/events for the service's HTTP server; null in Socket Mode. */
  route: HttpRoute | null;
  transport: ChatTransport;
  /** Checks the bot token (auth.test) and, in Socket Mode, opens the socket. */
  start(): Promise<void>;
  /** Closes the socket and waits (up to `graceMs`) for answers still being worked on. */
  stop(graceMs?: number): Promise<void>;
  /** Commands acknowledged whose answer is still being worked on. */
  inFlight(): number;
}

/**
 * The interactive client may retry a hiccup twice and waits out a 429 (a chart posted late beats none); the outbox
 * client (slackTransport) never waits, because the outbox schedules its own retries.
 */
function interactiveClientOptions(config: Config['slack'], logger: webApi.Logger): webApi.WebClientOptions {
  return {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    logger,
    retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 },
    timeout: 20_000,
  };
}

function requireSetting(value: string | null, message: string): string {
  if (!value) throw new UserError('slack_not_configured', message);
  return value;
}

export function createSlackSurface(options: SlackSurfaceOptions): SlackSurface {
  const { bot, config } = options;
  const logger = options.logger.child({ surface: 'slack' });
  const botToken = requireSetting(config.botToken, 'SLACK_BOT_TOKEN is not set; the Slack surface needs the bot token (xoxb-…)');
  const socketMode = config.appToken !== null;
  const bolt = boltLogger(logger);
  const clientOptions = interactiveClientOptions(config, bolt);

  let receiver: Receiver;
  let httpReceiver: HTTPReceiver | null = null;
  if (socketMode) {
    receiver = new SocketModeReceiver({ appToken: config.appToken!, logger: bolt, installerOptions: { clientOptions } });
  } else {
    const signingSecret = requireSetting(config.signingSecret, 'SLACK_SIGNING_SECRET is not set; the Slack receiver at /slack/events needs it to verify requests (or set SLACK_APP_TOKEN for Socket Mode)');
    // Bolt buffers a body before it can check the signature: slash command payloads are a few kilobytes, so an
    // unsigned flood is capped at 256 KB a request instead of Bolt's 4 MB default.
    httpReceiver = new HTTPReceiver({ signingSecret, endpoints: SLACK_EVENTS_PATH, processBeforeResponse: false, logger: bolt, bodyLimit: 256 * 1024 });
    receiver = httpReceiver;
  }

  // The identity auth.test reports, once start() has asked; slash commands work without it.
  let identity: { botId?: string; botUserId?: string } = {};
  const app = new App({
    receiver,
    socketMode,
    // An authorize function instead of `token`: Bolt would otherwise call auth.test from its constructor, and a
    // failure there surfaces as an unhandled rejection that takes the process down.
    authorize: async () => ({ botToken, ...identity }),
    logger: bolt,
    clientOptions,
    convoStore: false,
  });
  app.error(async (error) => {
    logger.error({ err: error }, 'slack listener failed');
  });

  const inFlight = new Set<Promise<void>>();
  const deps = { bot, logger, charts: options.charts ?? DEFAULT_CHARTS };
  app.command(/^\/[\w-]+$/, async ({ ack, command, respond, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs) => {
    await ack();
    const work = answerSlashCommand(deps, command, { respond, client });
    inFlight.add(work);
    try {
      await work;
    } finally {
      inFlight.delete(work);
    }
  });

  const outboxClient = createOutboxClient({ botToken, apiUrl: config.apiUrl, logger: bolt });

  const route: HttpRoute | null = httpReceiver
    ? {
        method: 'POST',
        path: SLACK_EVENTS_PATH,
        handle: (req, res) => {
          try {
            httpReceiver.requestListener(req, res);
          } catch (err) {
            logger.error({ err }, 'slack receiver refused a request');
            if (!res.headersSent) res.writeHead(500).end();
          }
        },
      }
    : null;

  return {
    mode: socketMode ? 'socket' : 'http',
    route,
    transport: createSlackTransport(outboxClient),
    async start() {
      try {
        const auth = await outboxClient.auth.test();
        identity = { botId: auth.bot_id, botUserId: auth.user_id };
        logger.info({ team: auth.team, botUserId: auth.user_id }, 'slack bot token accepted');
      } catch (err) {
        // Commands still get answers through response_url; uploads and alerts will fail until the token is fixed.
        logger.error({ err }, 'slack auth.test failed; check SLACK_BOT_TOKEN');
      }
      if (socketMode) await app.start();
    },
    async stop(graceMs = 10_000) {
      if (socketMode) await app.stop();
      if (inFlight.size === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, graceMs);
      });
      await Promise.race([Promise.allSettled([...inFlight]), grace]);
      clearTimeout(timer);
    },
    inFlight: () => inFlight.size,
  };
}
