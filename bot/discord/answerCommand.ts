import { MessageFlags, Routes, type REST } from 'discord.js';
import type { Logger } from '../../app/logger.ts';
import type { Bot } from '../bot.ts';
import type { CommandRequest } from './interactionPayload.ts';
import { failureReply, progressReply, replyFor, type ChartRenderer, type DiscordReply } from './discordReply.ts';

/** How a surface answers an interaction it has already deferred. */
export interface InteractionReplies {
  /** Replaces the deferred "thinking…" message. */
  edit(reply: DiscordReply): Promise<void>;
  followUp(reply: DiscordReply): Promise<void>;
}

export interface AnswerOptions {
  logger: Logger;
  charts?: ChartRenderer;
}

/**
 * Runs a deferred command and answers it. Whatever fails after the deferral (rendering, an upload Discord refuses)
 * still ends in a message to the user, tied to the logs by the interaction id.
 */
export async function answerCommand(bot: Bot, request: CommandRequest, replies: InteractionReplies, options: AnswerOptions): Promise<void> {
  const { call, invocation } = request;
  const log = options.logger.child({ surface: 'discord', requestId: invocation.requestId, command: call.path.join(' ') });
  const progress = async (note: string) => {
    try {
      await replies.followUp(progressReply(note));
    } catch (err) {
      log.warn({ err }, 'progress note not delivered');
    }
  };
  try {
    const result = await bot.runArgs(call.path, call.args, invocation, { progress });
    await replies.edit(await replyFor(result, { charts: options.charts, logger: log }));
  } catch (err) {
    log.error({ err }, 'answer failed after the deferral; telling the user');
    try {
      await replies.edit(failureReply(invocation.requestId));
    } catch (again) {
      log.error({ err: again }, 'the failure notice did not reach Discord either');
    }
  }
}

/** The message as @discordjs/rest sends it: JSON, or multipart with `payload_json` and `files[n]` when files are attached. */
export function messagePayload(reply: DiscordReply, options: { flags: boolean }) {
  return {
    body: {
      embeds: reply.embeds,
      allowed_mentions: { parse: [] },
      attachments: reply.files.map((file, id) => ({ id, filename: file.name })),
      ...(options.flags && reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    },
    files: reply.files.map((file) => ({ name: file.name, data: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength), contentType: file.contentType })),
  };
}

/**
 * Answers through the interaction's webhook, which needs no bot token: the interaction token authorises it for
 * 15 minutes. Ephemerality is fixed when the deferral is sent, so edits carry no flags.
 */
export function webhookReplies(rest: REST, applicationId: string, interactionToken: string): InteractionReplies {
  return {
    async edit(reply) {
      await rest.patch(Routes.webhookMessage(applicationId, interactionToken, '@original'), { ...messagePayload(reply, { flags: false }), auth: false });
    },
    async followUp(reply) {
      await rest.post(Routes.webhook(applicationId, interactionToken), { ...messagePayload(reply, { flags: true }), auth: false });
    },
  };
}
