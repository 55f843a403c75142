import type { Bot } from '../bot.ts';
import type { CommandResult } from '../results.ts';
import { decodeResult } from './resultCodec.ts';

/** The header that carries the service's terminal secret (from its service file in the data folder). */
export const TERMINAL_SECRET_HEADER = 'x-tickcast-terminal';
export const TERMINAL_COMMANDS_PATH = '/terminal/commands';

/**
 * The bot of a running service, for `tickcast chat` on the same machine while the service holds the embedded
 * database: each line is sent to the service's terminal route and its result comes back to be printed here.
 */
export function createRemoteBot(service: { url: string; secret: string }): Pick<Bot, 'runText'> {
  return {
    async runText(text, invocation): Promise<CommandResult> {
      let response: Response;
      try {
        response = await fetch(`${service.url}${TERMINAL_COMMANDS_PATH}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TERMINAL_SECRET_HEADER]: service.secret },
          body: JSON.stringify({ text, actorId: invocation.actor.id, requestId: invocation.requestId }),
        });
      } catch (err) {
        return { kind: 'error', code: 'service_unreachable', message: `the service at ${service.url} did not answer (${(err as Error).message}); is it still running?`, reference: null };
      }
      const body = await response.text();
      if (!response.ok) return { kind: 'error', code: 'service_refused', message: `the service answered ${response.status}: ${body.slice(0, 200)}`, reference: null };
      return decodeResult(body);
    },
  };
}
