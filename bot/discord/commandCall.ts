import { ApplicationCommandOptionType } from 'discord.js';
import type { Actor } from '../../core/chat.ts';
import type { RawArgs } from '../command.ts';

/**
 * Discord's command options, as both the HTTP payload and discord.js's `CommandInteractionOption` carry them:
 * a subcommand group holds a subcommand, which holds the typed values.
 */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean | null;
  options?: readonly InteractionOption[] | null;
}

export interface CommandCall {
  path: string[];
  args: RawArgs;
}

/** The registry path and raw arguments of a slash command: `/model promote version:v3` → `['model','promote'], {version:'v3'}`. */
export function commandCallOf(commandName: string, options: readonly InteractionOption[] | null | undefined): CommandCall {
  const path = [commandName];
  let level = options ?? [];
  for (;;) {
    const nested = level.find((o) => o.type === ApplicationCommandOptionType.SubcommandGroup || o.type === ApplicationCommandOptionType.Subcommand);
    if (!nested) break;
    path.push(nested.name);
    level = nested.options ?? [];
  }
  const args: RawArgs = {};
  for (const option of level) {
    if (option.value !== undefined && option.value !== null) args[option.name] = String(option.value);
  }
  return { path, args };
}

/** A Discord member as the bot core names people: roles become `discord:role:<id>`, which admins may be configured by. */
export function discordActor(user: { id: string; username: string }, roleIds: readonly string[]): Actor {
  return { id: `discord:user:${user.id}`, name: user.username, roles: roleIds.map((id) => `discord:role:${id}`) };
}

/** Commands whose answer only the caller needs: deferred as ephemeral, since ephemerality is fixed at the deferral. */
export function answersPrivately(call: CommandCall): boolean {
  return call.path[0] === 'help';
}
