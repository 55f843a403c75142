import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Bot } from '../bot/bot.ts';
import { TERMINAL_COMMANDS_PATH, TERMINAL_SECRET_HEADER } from '../bot/terminal/remoteBot.ts';
import { encodeResult } from '../bot/terminal/resultCodec.ts';
import { TERMINAL_CHANNEL } from '../bot/terminal/terminalTransport.ts';
import type { HttpRoute } from './httpServer.ts';

const MAX_BODY_BYTES = 4096;
const TERMINAL_ACTOR = /^terminal:[\w.-]{1,64}$/;
const REQUEST_ID = /^[\w-]{1,64}$/;

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(message);
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(req: http.IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

/**
 * `tickcast chat` beside a service that holds the embedded database: the terminal's lines, run by the service's bot
 * as the terminal user who typed them. Only from this machine, and only with the secret of the service file.
 */
export function terminalRoute(bot: Pick<Bot, 'runText'>, secret: string): HttpRoute {
  return {
    method: 'POST',
    path: TERMINAL_COMMANDS_PATH,
    handle(req, res) {
      const given = req.headers[TERMINAL_SECRET_HEADER];
      if (!isLoopback(req) || typeof given !== 'string' || !sameSecret(given, secret)) {
        req.resume();
        refuse(res, 403, 'the terminal route takes requests from tickcast chat on this machine only');
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      });
      req.on('end', () => {
        void (async () => {
          if (size > MAX_BODY_BYTES) return refuse(res, 413, `a command line is at most ${MAX_BODY_BYTES} bytes`);
          let body: { text?: unknown; actorId?: unknown; requestId?: unknown };
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
          } catch {
            return refuse(res, 400, 'the body is not JSON');
          }
          if (typeof body.text !== 'string' || typeof body.actorId !== 'string' || !TERMINAL_ACTOR.test(body.actorId) || typeof body.requestId !== 'string' || !REQUEST_ID.test(body.requestId)) {
            return refuse(res, 400, 'expected { text, actorId: "terminal:LOGIN", requestId }');
          }
          const actor = { id: body.actorId, name: body.actorId.slice('terminal:'.length), roles: [] };
          const result = await bot.runText(body.text, { actor, channel: TERMINAL_CHANNEL, requestId: body.requestId });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
          res.end(encodeResult(result));
        })().catch(() => refuse(res, 500, 'the command could not be answered'));
      });
    },
  };
}
