import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from '../app/logger.ts';
import type { Actor } from '../core/chat.ts';
import { isTickcastError, oneLine, UserError } from '../core/errors.ts';
import { NO_TELEMETRY, type Telemetry } from '../core/telemetry.ts';
import type { Bot, RunOptions } from './bot.ts';
import type { CommandContext, CommandDefinition, Invocation } from './command.ts';
import { usageOf } from './command.ts';
import { COMMANDS } from './commands/index.ts';
import { auditOf } from './auditOf.ts';
import { RateLimiter } from './rateLimiter.ts';
import { resolvePath, resolveWords, type ResolvedCommand } from './resolveCommand.ts';
import type { CommandResult } from './results.ts';
import type { BotServices } from './services.ts';
import { tokenize } from './tokenize.ts';
import { WorkPool } from './workPool.ts';

export interface BotOptions {
  logger?: Logger;
  limiter?: RateLimiter;
  /** Commands running at once in this process, and how many may wait behind them. */
  concurrency?: number;
  maxQueued?: number;
  commands?: readonly CommandDefinition[];
  /** Where each command's latency and outcome are counted. */
  telemetry?: Telemetry;
}

/** What the metrics learn of one command: its path once resolved, and how it ended. */
interface CommandTrace {
  command: string;
  outcome: 'ok' | 'user_error' | 'error';
}

/** A person's mistake (bad words, no permission, a used budget) is not a fault of ours; anything else is. */
function outcomeOf(err: unknown): CommandTrace['outcome'] {
  return isTickcastError(err) && err.kind === 'user' ? 'user_error' : 'error';
}

/** Admin by configuration (the person or one of their platform roles) or by the users table. */
export async function isAdmin(services: BotServices, actor: Actor): Promise<boolean> {
  const ids = [actor.id, ...actor.roles];
  if (ids.some((id) => services.admins.includes(id))) return true;
  return (await services.store.users.roleOf(ids)) === 'admin';
}

function validationError(command: CommandDefinition, issues: readonly { path: readonly PropertyKey[]; message: string }[]): UserError {
  const problems = issues.map((issue) => {
    const param = command.params.find((p) => p.name === issue.path[0]);
    return param ? `${param.display ?? param.name}: ${issue.message}` : issue.message;
  });
  return new UserError('bad_arguments', `${problems.join('; ')}. Usage: ${usageOf(command)}`);
}

/**
 * The one wrapper every surface goes through: resolve and validate the command, check the role, refuse replays,
 * spend the rate-limit budget, run the handler in the work pool, audit admin commands, and turn any failure into
 * an `error` result worded for people. Unexpected failures are logged with a reference the user is given.
 */
export function createBot(services: BotServices, options: BotOptions = {}): Bot {
  const commands = options.commands ?? COMMANDS;
  const limiter = options.limiter ?? new RateLimiter(services.store.rateLimits);
  const pool = new WorkPool(options.concurrency ?? 4, options.maxQueued ?? 5000);
  const logger = options.logger;
  const telemetry = options.telemetry ?? NO_TELEMETRY;

  /** Everything a command costs, the database checks included, runs inside the pool, so backlog stays bounded. */
  async function execute(resolve: () => ResolvedCommand, invocation: Invocation, runOptions: RunOptions): Promise<CommandResult> {
    const started = performance.now();
    const trace: CommandTrace = { command: commandLabel(resolve), outcome: 'ok' };
    try {
      return await pool.run(() => executeNow(resolve, invocation, runOptions, trace));
    } catch (err) {
      trace.outcome = outcomeOf(err);
      return errorResult(err, invocation);
    } finally {
      telemetry.commandFinished(invocation.channel.surface, trace.command, trace.outcome, (performance.now() - started) / 1000);
    }
  }

  /** The command's path for metrics, read before the queue so that a "busy" refusal still names its command. */
  function commandLabel(resolve: () => ResolvedCommand): string {
    try {
      return resolve().command.path.join(' ');
    } catch {
      return 'unknown';
    }
  }

  async function executeNow(resolve: () => ResolvedCommand, invocation: Invocation, runOptions: RunOptions, trace: CommandTrace): Promise<CommandResult> {
    let command: CommandDefinition | null = null;
    let admin = false;
    let args: unknown = null;
    try {
      const resolved = resolve();
      command = resolved.command;
      trace.command = command.path.join(' ');
      const parsed = command.schema.safeParse(resolved.args);
      if (!parsed.success) throw validationError(command, parsed.error.issues);
      args = parsed.data;
      admin = await isAdmin(services, invocation.actor);
      if (command.adminOnly && !admin) {
        throw new UserError('not_admin', `\`${command.path.join(' ')}\` is for admins; ask one of them, or \`help\` for what you can do`);
      }
      if (!(await services.store.requests.firstSeen(`${invocation.channel.surface}:${invocation.requestId}`))) {
        throw new UserError('duplicate_request', 'this request was already handled');
      }
      if (command.cost) await limiter.take(invocation.actor.id, command.cost, services.now().getTime());
      const context: CommandContext = { ...invocation, services, isAdmin: admin, progress: runOptions.progress ?? (async () => {}) };
      const result = await command.run(args, context);
      if (command.adminOnly || result.kind === 'promotionRequested') await audit(command, invocation, args, result);
      return result;
    } catch (err) {
      trace.outcome = outcomeOf(err);
      const result = errorResult(err, invocation);
      if (command && (command.adminOnly || result.code === 'not_admin')) await audit(command, invocation, args, result);
      return result;
    }
  }

  async function audit(command: CommandDefinition, invocation: Invocation, args: unknown, result: CommandResult): Promise<void> {
    const entry = auditOf(command.path, args, result);
    try {
      await services.store.audit.record({ actor: invocation.actor.id, action: command.path.join('.'), ...entry, detail: { ...entry.detail, surface: invocation.channel.surface, channel: invocation.channel.channelId, requestId: invocation.requestId } });
    } catch (err) {
      // The action happened (or was refused) either way; a lost audit row must be loud in the logs.
      logger?.error({ err, action: command.path.join('.'), actor: invocation.actor.id }, 'audit log write failed');
    }
  }

  function errorResult(err: unknown, invocation: Invocation): Extract<CommandResult, { kind: 'error' }> {
    if (isTickcastError(err) && err.kind === 'user') return { kind: 'error', code: err.code, message: oneLine(err), reference: null };
    if (isTickcastError(err) && err.kind === 'temporary') return { kind: 'error', code: err.code, message: `${oneLine(err)}; try again shortly`, reference: null };
    const reference = invocation.requestId || randomUUID();
    logger?.error({ err, reference, actor: invocation.actor.id, surface: invocation.channel.surface }, 'command failed');
    const what = isTickcastError(err) ? oneLine(err) : 'something went wrong on our side';
    return { kind: 'error', code: isTickcastError(err) ? err.code : 'internal', message: `${what} (reference ${reference}); the admins can look it up in the logs`, reference };
  }

  return {
    commands,
    runText: (text, invocation, runOptions = {}) => execute(() => resolveWords(commands, tokenize(text.trim())), invocation, runOptions),
    runArgs: (path, args, invocation, runOptions = {}) => execute(() => resolvePath(commands, path, args), invocation, runOptions),
  };
}
