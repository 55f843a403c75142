import type { Writable } from 'node:stream';
import type { ChatTransport } from '../../core/outbox.ts';
import { renderOutboundText } from './renderText.ts';

/**
 * Delivers alerts created at the terminal to the terminal while `tickcast chat` runs. Only this person's own
 * channel is written; a line printed cannot be looked up afterwards, so an interrupted delivery is printed again.
 */
export function terminalTransport(channelId: string, output: Writable): ChatTransport {
  return {
    surface: 'terminal',
    async send(channel, body) {
      if (channel !== channelId) throw new Error(`terminal channel ${channel} belongs to another user; it is delivered when they run \`tickcast chat\``);
      output.write(`\n${renderOutboundText(body)}\n`);
      return { externalId: null };
    },
    findSent: async () => null,
  };
}
