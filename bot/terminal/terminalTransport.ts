import type { Writable } from 'node:stream';
import type { ChatTransport } from '../../core/outbox.ts';
import { renderOutboundText } from './renderText.ts';

/**
 * The terminal is one channel per installation, like a shared Slack channel: everyone running `tickcast chat` on
 * this database sees the rules made there and the alerts they fire. A line printed cannot be looked up afterwards,
 * so an interrupted delivery is printed again.
 */
export const TERMINAL_CHANNEL = { surface: 'terminal', channelId: 'terminal' } as const;

export function terminalTransport(output: Writable): ChatTransport {
  return {
    surface: 'terminal',
    async send(_channel, body) {
      output.write(`\n${renderOutboundText(body)}\n`);
      return { externalId: null };
    },
    findSent: async () => null,
  };
}
