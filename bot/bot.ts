import type { CommandDefinition, Invocation, RawArgs } from './command.ts';
import type { CommandResult } from './results.ts';

/**
 * The bot as every surface sees it: the command list, and two ways in. Neither throws: a refusal or failure comes
 * back as an `error` result worded for people.
 */
export interface RunOptions {
  /** Interim notes from long commands (a retrain); surfaces post them as they come. */
  progress?: (note: string) => Promise<void>;
}

export interface Bot {
  commands: readonly CommandDefinition[];
  /** A command line as typed after a slash command or at the terminal prompt: `forecast AAPL 5`, `alert add TSLA below 200`. */
  runText(text: string, invocation: Invocation, options?: RunOptions): Promise<CommandResult>;
  /** A command path with its raw arguments by name, as structured surfaces (Discord options) deliver them. */
  runArgs(path: readonly string[], args: RawArgs, invocation: Invocation, options?: RunOptions): Promise<CommandResult>;
}
