import type { z } from 'zod';
import type { Actor, ChannelRef } from '../core/chat.ts';
import type { BotServices } from './services.ts';
import type { CommandResult } from './results.ts';

/**
 * One command of the registry. Surfaces never see handlers' internals: they pass raw argument values (text tokens,
 * or Discord's typed options as strings), and the dispatcher validates them with `schema`, checks the role and the
 * rate limit, runs the handler and maps any failure to an `error` result.
 */
export interface ParamSpec {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'number';
  required: boolean;
  /** The last parameter may take the rest of the line (`alert add TSLA below 200`). */
  rest?: boolean;
  /** Fixed choices, offered as such by surfaces that can (Discord). */
  choices?: readonly string[];
  /** How usage lines show it (`TICKER`); default: the name. Names themselves are lowercase, as Discord requires. */
  display?: string;
}

/** Raw values by parameter name, as typed: validation and coercion are the schema's job. */
export type RawArgs = Record<string, string | undefined>;

/** Expensive commands draw from a per-user budget. */
export type CostClass = 'forecast' | 'report' | 'retrain';

export interface Invocation {
  actor: Actor;
  channel: ChannelRef;
  /** The platform's id for this request (Slack trigger id, Discord interaction id), or a generated one. */
  requestId: string;
}

export interface CommandContext extends Invocation {
  services: BotServices;
  isAdmin: boolean;
  /** Tell the user how long work is going (a retrain); surfaces show it as an interim message. */
  progress(note: string): Promise<void>;
}

export interface CommandDefinition<A = unknown> {
  /** e.g. ['forecast'] or ['model', 'promote']. */
  path: readonly string[];
  summary: string;
  params: readonly ParamSpec[];
  schema: z.ZodType<A, RawArgs>;
  adminOnly: boolean;
  cost: CostClass | null;
  examples: readonly string[];
  run(args: A, ctx: CommandContext): Promise<CommandResult>;
}

/** The usage line: `forecast TICKER [days]`. */
export function usageOf(command: Pick<CommandDefinition, 'path' | 'params'>): string {
  const params = command.params.map((p) => {
    const name = p.choices ? p.choices.join('|') : (p.display ?? p.name);
    const shown = p.rest ? `${name}…` : name;
    return p.required ? shown : `[${shown}]`;
  });
  return [...command.path, ...params].join(' ');
}

/** Identity helper that keeps each command's argument type tied to its schema and handler. */
export function defineCommand<A>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}
