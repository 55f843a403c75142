import { Client, Events, GatewayIntentBits, MessageFlags, type APIInteractionGuildMember, type ChatInputCommandInteraction, type GuildMember } from 'discord.js';
import type { Logger } from '../../app/logger.ts';
import { OperationalError } from '../../core/errors.ts';
import type { Bot } from '../bot.ts';
import { answerCommand, type InteractionReplies } from './answerCommand.ts';
import { answersPrivately, commandCallOf, discordActor } from './commandCall.ts';
import type { ChartRenderer, DiscordReply } from './discordReply.ts';
import type { CommandRequest } from './interactionPayload.ts';

export interface GatewaySurfaceOptions {
  bot: Bot;
  token: string;
  /** DISCORD_API_URL; the gateway's URL comes from `GET /gateway/bot` there. */
  apiUrl: string | null;
  logger: Logger;
  charts?: ChartRenderer;
  /** How long `start` waits for the gateway's READY. */
  readyTimeoutMs?: number;
}

export interface GatewaySurface {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
  settled(): Promise<void>;
}

/** Role ids of whoever ran the command: a cached guild member's roles, or the raw ids when the guild is not cached. */
function roleIdsOf(member: GuildMember | APIInteractionGuildMember | null): string[] {
  if (!member) return [];
  if (Array.isArray(member.roles)) return [...member.roles];
  const guildMember = member as GuildMember;
  return [...guildMember.roles.cache.keys()].filter((id) => id !== guildMember.guild.id);
}

function sendable(reply: DiscordReply) {
  return {
    embeds: reply.embeds,
    files: reply.files.map((file) => ({ attachment: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength), name: file.name, contentType: file.contentType })),
    allowedMentions: { parse: [] },
  };
}

function gatewayReplies(interaction: ChatInputCommandInteraction): InteractionReplies {
  return {
    async edit(reply) {
      await interaction.editReply(sendable(reply));
    },
    async followUp(reply) {
      await interaction.followUp({ ...sendable(reply), ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    },
  };
}

export function requestOfInteraction(interaction: ChatInputCommandInteraction): CommandRequest {
  return {
    call: commandCallOf(interaction.commandName, interaction.options.data),
    invocation: {
      actor: discordActor(interaction.user, roleIdsOf(interaction.member)),
      channel: { surface: 'discord', channelId: interaction.channelId },
      requestId: interaction.id,
    },
  };
}

/**
 * Discord over the gateway, for an installation with no public URL: the bot holds a websocket, receives slash
 * commands as INTERACTION_CREATE events, defers each, runs it and edits the deferred reply. Guilds is the only
 * intent it needs.
 */
export function createGatewaySurface(options: GatewaySurfaceOptions): GatewaySurface {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: options.apiUrl ? { api: options.apiUrl.replace(/\/+$/, '') } : {} });
  const log = options.logger.child({ surface: 'discord', mode: 'gateway' });
  const inFlight = new Set<Promise<void>>();

  const handle = async (interaction: ChatInputCommandInteraction): Promise<void> => {
    const request = requestOfInteraction(interaction);
    try {
      await interaction.deferReply(answersPrivately(request.call) ? { flags: MessageFlags.Ephemeral } : {});
    } catch (err) {
      // Without the deferral Discord shows "the application did not respond"; there is no message left to edit.
      log.error({ err, requestId: interaction.id }, 'could not defer the interaction');
      return;
    }
    await answerCommand(options.bot, request, gatewayReplies(interaction), { logger: log, charts: options.charts });
  };

  client.on(Events.InteractionCreate, (interaction) => {
    if (!interaction.isChatInputCommand()) return;
    const work = handle(interaction);
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord gateway error'));

  return {
    client,
    async start() {
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new OperationalError('discord_gateway_timeout', 'the Discord gateway did not become ready in time')), options.readyTimeoutMs ?? 30_000);
        client.once(Events.ClientReady, () => resolve());
      });
      // A timeout while login is still pending is awaited below; this keeps it from counting as unhandled meanwhile.
      ready.catch(() => undefined);
      try {
        await client.login(options.token);
        await ready;
      } catch (err) {
        await client.destroy();
        if (err instanceof OperationalError) throw err;
        throw new OperationalError('discord_login_failed', `Discord gateway login failed: ${(err as Error).message}`, { cause: err });
      } finally {
        clearTimeout(timer);
      }
      log.info({ user: client.user?.tag }, 'discord gateway ready');
    },
    async stop() {
      await Promise.allSettled([...inFlight]);
      await client.destroy();
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
