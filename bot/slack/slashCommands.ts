import type { Invocation } from '../command.ts';

/**
 * The slash commands the Slack app declares (bot/slack/manifest.json lists the same ones; a test keeps them in
 * step). `/tickcast` takes any command line; the others are shortcuts that put their own name in front.
 */
export interface SlashCommandSpec {
  name: 'forecast' | 'alert' | 'report' | 'model' | 'tickcast';
  description: string;
  usageHint: string;
}

export const SLASH_COMMANDS: readonly SlashCommandSpec[] = [
  { name: 'forecast', description: 'Forecast a ticker: median path, 80%/95% intervals, skill vs naive, chart', usageHint: 'TICKER [days]' },
  { name: 'alert', description: 'Price and forecast alerts for this channel', usageHint: 'add TICKER below 200 | list | remove ID' },
  { name: 'report', description: 'The latest daily report as a PDF', usageHint: '[TICKER]' },
  { name: 'model', description: 'Model status, retrain, promote (two admins), rollback', usageHint: 'status | retrain | promote V | approve [ID] | rollback' },
  { name: 'tickcast', description: 'Any tickcast command: help, price, subscribe, …', usageHint: 'help | price TICKER | subscribe' },
];

const NAMES = new Set<string>(SLASH_COMMANDS.map((c) => c.name));

/** The part of Slack's slash command payload tickcast reads. */
export interface SlashPayload {
  command: string;
  text: string;
  user_id: string;
  user_name?: string;
  channel_id: string;
  trigger_id: string;
}

/** `/forecast AAPL 5` → `forecast AAPL 5`; `/tickcast price AAPL` → `price AAPL`; a bare `/tickcast` asks for help; null for a command we do not own. */
export function commandLine(payload: Pick<SlashPayload, 'command' | 'text'>): string | null {
  const name = payload.command.replace(/^\//, '').toLowerCase();
  if (!NAMES.has(name)) return null;
  const text = (payload.text ?? '').trim();
  if (name === 'tickcast') return text || 'help';
  return text ? `${name} ${text}` : name;
}

export function invocationOf(payload: SlashPayload): Invocation {
  return {
    actor: { id: `slack:${payload.user_id}`, name: payload.user_name ?? null, roles: [] },
    channel: { surface: 'slack', channelId: payload.channel_id },
    requestId: payload.trigger_id,
  };
}
