import type { RespondArguments, webApi } from '@slack/bolt';
import type { Logger } from '../../app/logger.ts';
import { isTickcastError, oneLine } from '../../core/errors.ts';
import type { Bot } from '../bot.ts';
import type { SlackMessage } from './blockKit.ts';
import { renderError, renderFailure, renderProgress, renderResult } from './slackBlocks.ts';
import { fileFor, renderFailureNote, uploadFailureNote, uploadFile, type ChartRenderers, type SlackFile } from './slackFiles.ts';
import { commandLine, invocationOf, type SlashPayload } from './slashCommands.ts';

/**
 * What happens after a slash command was acknowledged: run the command line through the bot, answer through the
 * command's response_url, then post the chart or PDF into the channel. Every way this can fail ends in a message
 * to the person who asked: a failed upload, a failed render, even a failed response_url (then by chat.postEphemeral).
 */
export interface SlashDeps {
  bot: Bot;
  logger: Logger;
  charts: ChartRenderers;
}

export interface SlashIo {
  respond(message: RespondArguments): Promise<unknown>;
  client: webApi.WebClient;
}

/** Slack accepts five posts to a response_url; two stay in reserve for the answer and one note after it. */
const RESPONSE_URL_USES = 5;
const RESERVED_USES = 2;

class Replies {
  private used = 0;
  /** Once the response_url has refused a post, later messages go straight to chat.postEphemeral. */
  private responseUrlBroken = false;

  constructor(
    private readonly io: SlashIo,
    private readonly payload: SlashPayload,
    private readonly logger: Logger,
  ) {}

  private async respond(message: SlackMessage): Promise<void> {
    this.used++;
    await this.io.respond({ response_type: message.visibility, replace_original: false, text: message.text, blocks: message.blocks });
  }

  /** Interim notes are best effort: past the budget (or on failure) they are only logged. */
  async progress(note: string): Promise<void> {
    if (this.responseUrlBroken || this.used >= RESPONSE_URL_USES - RESERVED_USES) {
      this.logger.debug({ note, requestId: this.payload.trigger_id }, 'slack progress note not posted');
      return;
    }
    await this.respond(renderProgress(note)).catch((err: unknown) => this.logger.warn({ err, requestId: this.payload.trigger_id }, 'slack progress note failed'));
  }

  /**
   * A message that must reach the person: the response_url first; if Slack refuses it (expired, used up), the same
   * message as an ephemeral post in the channel; failing both, the log.
   */
  async tell(message: SlackMessage): Promise<void> {
    if (!this.responseUrlBroken && this.used < RESPONSE_URL_USES) {
      try {
        await this.respond(message);
        return;
      } catch (err) {
        this.responseUrlBroken = true;
        this.logger.warn({ err, requestId: this.payload.trigger_id }, 'slack response_url refused a message; trying chat.postEphemeral');
      }
    }
    try {
      await this.io.client.chat.postEphemeral({ channel: this.payload.channel_id, user: this.payload.user_id, text: message.text, blocks: message.blocks });
    } catch (err) {
      this.logger.error({ err, requestId: this.payload.trigger_id, text: message.text }, 'could not tell a Slack user what happened to their command');
    }
  }
}

export async function answerSlashCommand(deps: SlashDeps, payload: SlashPayload, io: SlashIo): Promise<void> {
  const replies = new Replies(io, payload, deps.logger);
  const line = commandLine(payload);
  if (line === null) {
    const unknown = `\`${payload.command}\` is not a tickcast command; try \`/tickcast help\``;
    await replies.tell(renderError({ kind: 'error', code: 'unknown_command', message: unknown, reference: null }));
    return;
  }
  try {
    const result = await deps.bot.runText(line, invocationOf(payload), { progress: (note) => replies.progress(note) });
    const file = fileFor(result, deps.charts);
    // The chart renders while the answer is posted; its failure is handled below, not as an unhandled rejection.
    file?.catch(() => {});
    await replies.tell(renderResult(result));
    if (file) await postFile(deps, replies, io, payload, file, result.kind === 'report' ? 'PDF' : 'chart');
  } catch (err) {
    const reason = isTickcastError(err) && err.kind !== 'operational' ? oneLine(err) : `something went wrong on our side (reference ${payload.trigger_id})`;
    deps.logger.error({ err, requestId: payload.trigger_id, command: payload.command }, 'slack command failed after its ack');
    await replies.tell(renderFailure(reason));
  }
}

async function postFile(deps: SlashDeps, replies: Replies, io: SlashIo, payload: SlashPayload, pending: Promise<SlackFile>, what: 'chart' | 'PDF'): Promise<void> {
  let file: SlackFile;
  try {
    file = await pending;
  } catch (err) {
    deps.logger.error({ err, requestId: payload.trigger_id }, `slack ${what} could not be rendered`);
    await replies.tell(renderFailureNote(what));
    return;
  }
  try {
    await uploadFile(io.client, payload.channel_id, file);
  } catch (err) {
    deps.logger.warn({ err, requestId: payload.trigger_id, channel: payload.channel_id }, `slack ${what} upload failed`);
    await replies.tell(uploadFailureNote(err, what));
  }
}
