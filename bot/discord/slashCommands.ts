import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { CommandDefinition, ParamSpec } from '../command.ts';

/**
 * The application commands Discord shows, built from the one command list: `forecast` with its options,
 * `model` with a subcommand per `model …` command. Names and descriptions are kept within Discord's limits
 * (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
 */
export type SlashCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;

export interface SlashCommandSet {
  commands: SlashCommand[];
  /** Commands Discord cannot express, with the reason (logged and printed by `tickcast discord register`). */
  skipped: { path: string; reason: string }[];
}

const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;
const MAX_DESCRIPTION = 100;
const MAX_OPTIONS = 25;

function description(text: string, adminOnly = false): string {
  const base = text.trim() || 'no description';
  const withRole = adminOnly && base.length + ' (admins)'.length <= MAX_DESCRIPTION ? `${base} (admins)` : base;
  return withRole.length <= MAX_DESCRIPTION ? withRole : `${withRole.slice(0, MAX_DESCRIPTION - 1)}…`;
}

function badName(name: string): string | null {
  return NAME.test(name) && name === name.toLowerCase() ? null : `'${name}' is not a Discord command name (1-32 lowercase letters, digits, - or _)`;
}

function optionOf(param: ParamSpec): APIApplicationCommandBasicOption {
  const common = { name: param.name, description: description(param.description), required: param.required };
  const choices = param.choices?.slice(0, 25);
  switch (param.type) {
    case 'string':
      return { ...common, type: ApplicationCommandOptionType.String, ...(choices ? { choices: choices.map((c) => ({ name: c, value: c })) } : {}) };
    case 'integer':
      return { ...common, type: ApplicationCommandOptionType.Integer, ...(choices ? { choices: choices.map((c) => ({ name: c, value: Number.parseInt(c, 10) })) } : {}) };
    case 'number':
      return { ...common, type: ApplicationCommandOptionType.Number, ...(choices ? { choices: choices.map((c) => ({ name: c, value: Number(c) })) } : {}) };
  }
}

/** Discord requires required options before optional ones; the mapping back is by name, so order is free. */
function optionsOf(command: CommandDefinition): APIApplicationCommandBasicOption[] | string {
  for (const param of command.params) {
    const problem = badName(param.name);
    if (problem) return problem;
  }
  if (command.params.length > MAX_OPTIONS) return `more than ${MAX_OPTIONS} parameters`;
  const required = command.params.filter((p) => p.required);
  const optional = command.params.filter((p) => !p.required);
  return [...required, ...optional].map(optionOf);
}

function subcommandOf(command: CommandDefinition, name: string): APIApplicationCommandSubcommandOption | string {
  const options = optionsOf(command);
  if (typeof options === 'string') return options;
  return { type: ApplicationCommandOptionType.Subcommand, name, description: description(command.summary, command.adminOnly), options };
}

export function buildSlashCommands(definitions: readonly CommandDefinition[]): SlashCommandSet {
  const skipped: SlashCommandSet['skipped'] = [];
  const families = new Map<string, CommandDefinition[]>();
  for (const definition of definitions) {
    const problem = definition.path.map(badName).find((p) => p !== null) ?? (definition.path.length > 3 ? 'deeper than command, group, subcommand' : null);
    if (problem) {
      skipped.push({ path: definition.path.join(' '), reason: problem });
      continue;
    }
    const head = definition.path[0]!;
    families.set(head, [...(families.get(head) ?? []), definition]);
  }
  const commands: SlashCommand[] = [];
  for (const [name, family] of families) {
    const built = familyCommand(name, family, skipped);
    if (built) commands.push(built);
  }
  return { commands, skipped };
}

function familyCommand(name: string, family: CommandDefinition[], skipped: SlashCommandSet['skipped']): SlashCommand | null {
  const bare = family.find((c) => c.path.length === 1);
  const nested = family.filter((c) => c.path.length > 1);
  if (nested.length === 0 && bare) {
    const options = optionsOf(bare);
    if (typeof options === 'string') {
      skipped.push({ path: name, reason: options });
      return null;
    }
    return { type: ApplicationCommandType.ChatInput, name, description: description(bare.summary, bare.adminOnly), options };
  }
  if (bare) skipped.push({ path: name, reason: `Discord cannot run \`${name}\` bare beside its subcommands` });
  const options = nestedOptions(name, nested, skipped);
  if (options.length === 0) return null;
  return { type: ApplicationCommandType.ChatInput, name, description: description(`${name}: ${options.map((o) => o.name).join(', ')}`), options };
}

/** Subcommands, and subcommand groups for three-word paths, within Discord's 25 per level. */
function nestedOptions(name: string, nested: CommandDefinition[], skipped: SlashCommandSet['skipped']) {
  const options: (APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption)[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandGroupOption>();
  const full = (command: CommandDefinition) => skipped.push({ path: command.path.join(' '), reason: `over Discord's ${MAX_OPTIONS} subcommands under \`${name}\`` });
  for (const command of nested) {
    const sub = subcommandOf(command, command.path[command.path.length - 1]!);
    if (typeof sub === 'string') {
      skipped.push({ path: command.path.join(' '), reason: sub });
      continue;
    }
    const groupName = command.path.length === 3 ? command.path[1]! : null;
    let group = groupName === null ? undefined : groups.get(groupName);
    if (!group && options.length >= MAX_OPTIONS) {
      full(command);
      continue;
    }
    if (groupName === null) {
      options.push(sub);
      continue;
    }
    if (!group) {
      group = { type: ApplicationCommandOptionType.SubcommandGroup, name: groupName, description: description(`${name} ${groupName} commands`), options: [] };
      groups.set(groupName, group);
      options.push(group);
    }
    if ((group.options?.length ?? 0) >= MAX_OPTIONS) full(command);
    else group.options = [...(group.options ?? []), sub];
  }
  return options;
}
