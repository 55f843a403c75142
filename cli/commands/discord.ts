import type { Command } from 'commander';
import { Routes } from 'discord.js';
import { COMMANDS } from '../../bot/commands/index.ts';
import { closeDiscordRest, createDiscordRest, discordFailure } from '../../bot/discord/discordRest.ts';
import { buildSlashCommands, type SlashCommand } from '../../bot/discord/slashCommands.ts';
import { UserError } from '../../core/errors.ts';
import type { CommandContext } from '../context.ts';
import { emit, type OutputOptions } from '../output.ts';

interface RegisteredCommand {
  id: string;
  name: string;
  description: string;
  options?: { type: number; name: string; required?: boolean }[];
}

/** `/forecast ticker [days]` or `/model status|promote|…`: what a Discord user will see. */
function shown(command: SlashCommand | RegisteredCommand): string {
  const options = command.options ?? [];
  const subcommands = options.filter((o) => o.type === 1 || o.type === 2).map((o) => o.name);
  if (subcommands.length > 0) return `/${command.name} ${subcommands.join('|')}`;
  return [`/${command.name}`, ...options.map((o) => (o.required ? o.name : `[${o.name}]`))].join(' ');
}

export function registerDiscord(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  const discord = program.command('discord').description('Discord: register the slash commands');

  discord
    .command('register')
    .description('register the slash commands with Discord, globally or in one guild (DISCORD_TOKEN, DISCORD_APP_ID)')
    .option('--guild <id>', 'register in this guild only: visible at once, handy while testing (global ones can take up to an hour)')
    .action(async (options: { guild?: string }) => {
      const { token, appId, apiUrl } = ctx.config().discord;
      const missing = [token ? null : 'DISCORD_TOKEN', appId ? null : 'DISCORD_APP_ID'].filter((v): v is string => v !== null);
      if (!token || !appId) throw new UserError('discord_not_configured', `set ${missing.join(' and ')} to register the Discord commands`);
      if (options.guild !== undefined && !/^\d{1,20}$/.test(options.guild)) throw new UserError('bad_guild', `--guild must be a numeric guild id, not '${options.guild}'`);
      const { commands, skipped } = buildSlashCommands(COMMANDS);
      const rest = createDiscordRest({ apiUrl, token, retries: 0 });
      const route = options.guild ? Routes.applicationGuildCommands(appId, options.guild) : Routes.applicationCommands(appId);
      let registered: RegisteredCommand[];
      try {
        registered = (await rest.put(route, { body: commands })) as RegisteredCommand[];
      } catch (err) {
        throw discordFailure(err, 'the command registration');
      } finally {
        closeDiscordRest(rest);
      }
      const result = {
        applicationId: appId,
        scope: options.guild ? 'guild' : 'global',
        guildId: options.guild ?? null,
        commands: registered.map((c) => ({ id: c.id, name: c.name, description: c.description, usage: shown(c) })),
        skipped,
      };
      emit(result, output(), (r) =>
        [
          `Registered ${r.commands.length} slash commands ${r.guildId ? `in guild ${r.guildId}` : 'globally (Discord may take up to an hour to show them)'} for application ${r.applicationId}:`,
          ...r.commands.map((c) => `  ${c.usage}`),
          ...(r.skipped.length > 0 ? ['Not registered (Discord cannot express them):', ...r.skipped.map((s) => `  ${s.path}: ${s.reason}`)] : []),
        ].join('\n'),
      );
    });
}
