import { UserError } from '../core/errors.ts';
import type { CommandDefinition, RawArgs } from './command.ts';
import { usageOf } from './command.ts';

export interface ResolvedCommand {
  command: CommandDefinition;
  args: RawArgs;
}

function closest(word: string, candidates: readonly string[]): string | null {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = distance(word, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Binds words to a command's parameters in order; a `rest` parameter takes what is left. */
export function bindWords(command: CommandDefinition, words: readonly string[]): RawArgs {
  const args: RawArgs = {};
  let index = 0;
  for (const param of command.params) {
    if (index >= words.length) break;
    if (param.rest) {
      args[param.name] = words.slice(index).join(' ');
      index = words.length;
    } else {
      args[param.name] = words[index++];
    }
  }
  if (index < words.length) {
    throw new UserError('too_many_arguments', `unexpected '${words.slice(index).join(' ')}'; usage: ${usageOf(command)}`);
  }
  return args;
}

/**
 * Finds the command a line of words names (the longest matching path: `model promote` before `model`) and binds
 * the remaining words. Unknown names get a suggestion and the list of what exists.
 */
export function resolveWords(commands: readonly CommandDefinition[], words: readonly string[]): ResolvedCommand {
  const lowered = words.map((w, i) => (i < 2 ? w.toLowerCase() : w));
  let match: CommandDefinition | undefined;
  for (const command of commands) {
    const fits = command.path.every((part, i) => lowered[i] === part);
    if (fits && (!match || command.path.length > match.path.length)) match = command;
  }
  if (!match) throw unknownCommand(commands, lowered);
  return { command: match, args: bindWords(match, words.slice(match.path.length)) };
}

function unknownCommand(commands: readonly CommandDefinition[], words: readonly string[]): UserError {
  const [first, second] = words;
  if (first === undefined) return new UserError('no_command', 'no command given; try `help`');
  const family = commands.filter((c) => c.path[0] === first);
  if (family.length > 0) {
    const subcommands = family.map((c) => c.path[1]).filter((s): s is string => s !== undefined);
    const hint = second === undefined ? '' : closest(second, subcommands);
    const what = second === undefined ? `\`${first}\` needs a subcommand` : `\`${first} ${second}\` is not a command`;
    return new UserError('unknown_subcommand', `${what}${hint ? ` (did you mean \`${first} ${hint}\`?)` : ''}; try ${subcommands.map((s) => `\`${first} ${s}\``).join(', ')}`);
  }
  const names = [...new Set(commands.map((c) => c.path[0]!))];
  const hint = closest(first, names);
  return new UserError('unknown_command', `\`${first}\` is not a command${hint ? ` (did you mean \`${hint}\`?)` : ''}; \`help\` lists them`);
}

/** The same for structured surfaces: a path and arguments by name. */
export function resolvePath(commands: readonly CommandDefinition[], path: readonly string[], args: RawArgs): ResolvedCommand {
  const command = commands.find((c) => c.path.length === path.length && c.path.every((part, i) => part === path[i]));
  if (!command) throw unknownCommand(commands, path);
  const known = new Set(command.params.map((p) => p.name));
  const unexpected = Object.keys(args).filter((name) => !known.has(name));
  if (unexpected.length > 0) throw new UserError('unknown_option', `\`${path.join(' ')}\` has no option ${unexpected.join(', ')}; usage: ${usageOf(command)}`);
  return { command, args };
}
