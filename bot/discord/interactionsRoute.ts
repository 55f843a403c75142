import type http from 'node:http';
import { InteractionResponseType, InteractionType, MessageFlags, type REST } from 'discord.js';
import type { HttpRoute } from '../../app/httpServer.ts';
import type { Logger } from '../../app/logger.ts';
import type { Bot } from '../bot.ts';
import { answerCommand, webhookReplies } from './answerCommand.ts';
import { answersPrivately } from './commandCall.ts';
import type { ChartRenderer } from './discordReply.ts';
import { commandInteractionSchema, commandRequestOf, interactionEnvelope } from './interactionPayload.ts';
import { discordPublicKey, MAX_SIGNATURE_AGE_S, verifyDiscordSignature } from './verifyDiscordSignature.ts';

export const INTERACTIONS_PATH = '/discord/interactions';

/** Interactions are small JSON documents; anything bigger is not from Discord. */
export const MAX_INTERACTION_BYTES = 64 * 1024;

export interface InteractionsRouteOptions {
  bot: Bot;
  /** DISCORD_PUBLIC_KEY, 64 hex characters. */
  publicKey: string;
  /** Answers go through the interaction webhook: a client without a token does. */
  rest: REST;
  logger: Logger;
  charts?: ChartRenderer;
  now?: () => number;
}

export interface InteractionsRoute extends HttpRoute {
  /** Resolves when every command answered so far has been delivered (or given up on). */
  settled(): Promise<void>;
}

type BodyRead = { ok: true; body: Buffer } | { ok: false; status: 400 | 413 };

function readBody(req: http.IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > limit) return Promise.resolve({ ok: false, status: 413 });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve({ ok: false, status: 413 });
        req.removeAllListeners('data');
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => resolve({ ok: false, status: 400 }));
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, after?: () => void): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...(status === 413 ? { connection: 'close' } : {}) });
  res.end(text, after);
}

const refusal = (message: string) => ({ error: { message } });

/**
 * Discord's HTTP interactions endpoint. Nothing happens before the signature and its freshness check out; an
 * interaction id seen within the signature window is refused as a replay. Commands are deferred at once (Discord
 * waits 3 s), then run, and the deferred message is edited with the answer.
 */
export function createInteractionsRoute(options: InteractionsRouteOptions): InteractionsRoute {
  const key = discordPublicKey(options.publicKey);
  const now = options.now ?? Date.now;
  const seen = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();

  const firstSeen = (id: string): boolean => {
    const t = now();
    // Insertion order is expiry order, so the expired ids are at the front.
    for (const [seenId, expiresAt] of seen) {
      if (expiresAt >= t) break;
      seen.delete(seenId);
    }
    if (seen.has(id)) return false;
    seen.set(id, t + 2 * MAX_SIGNATURE_AGE_S * 1000);
    return true;
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const read = await readBody(req, MAX_INTERACTION_BYTES);
    if (!read.ok) return send(res, read.status, refusal(read.status === 413 ? 'body too large' : 'unreadable body'));
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
    const check = verifyDiscordSignature(key, { signature: header('x-signature-ed25519'), timestamp: header('x-signature-timestamp'), rawBody: read.body }, now());
    if (!check.ok) {
      options.logger.warn({ reason: check.reason }, 'discord interaction refused: bad signature');
      return send(res, 401, refusal(`invalid request signature (${check.reason})`));
    }
    let json: unknown;
    try {
      json = JSON.parse(read.body.toString('utf8'));
    } catch {
      return send(res, 400, refusal('body is not JSON'));
    }
    const envelope = interactionEnvelope.safeParse(json);
    if (!envelope.success) return send(res, 400, refusal('not an interaction'));
    if (!firstSeen(envelope.data.id)) {
      options.logger.warn({ interactionId: envelope.data.id }, 'discord interaction refused: replayed');
      return send(res, 401, refusal('interaction already received'));
    }
    if (envelope.data.type === InteractionType.Ping) return send(res, 200, { type: InteractionResponseType.Pong });
    if (envelope.data.type !== InteractionType.ApplicationCommand) return send(res, 400, refusal(`interaction type ${envelope.data.type} is not handled`));
    const payload = commandInteractionSchema.safeParse(json);
    if (!payload.success) return send(res, 400, refusal('malformed application command'));
    const request = commandRequestOf(payload.data);
    const ephemeral = answersPrivately(request.call);
    const deferral = { type: InteractionResponseType.DeferredChannelMessageWithSource, ...(ephemeral ? { data: { flags: MessageFlags.Ephemeral } } : {}) };
    // The edit may only follow the deferral, so the work starts once the response has gone out.
    const flushed = new Promise<void>((resolve) => {
      res.once('close', resolve);
      send(res, 200, deferral, resolve);
    });
    const replies = webhookReplies(options.rest, payload.data.application_id, payload.data.token);
    const work = flushed.then(() => answerCommand(options.bot, request, replies, { logger: options.logger, charts: options.charts }));
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  return {
    method: 'POST',
    path: INTERACTIONS_PATH,
    handle(req, res) {
      handle(req, res).catch((err: unknown) => {
        options.logger.error({ err }, 'discord interaction handler failed');
        if (!res.headersSent) send(res, 500, refusal('internal error'));
      });
    },
    async settled() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
