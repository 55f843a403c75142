import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import type { CommandDefinition, ParamSpec } from '../../../bot/command.ts';
import { COMMANDS } from '../../../bot/commands/index.ts';
import { commandCallOf } from '../../../bot/discord/commandCall.ts';
import { buildSlashCommands } from '../../../bot/discord/slashCommands.ts';

function definition(path: string[], params: ParamSpec[] = [], extra: Partial<CommandDefinition> = {}): CommandDefinition {
  return { path, summary: `${path.join(' ')} does things`, params, schema: z.any(), adminOnly: false, cost: null, examples: [], run: () => Promise.reject(new Error('not run')), ...extra };
}

describe('slash commands from the command list', () => {
  it('makes a one-word command a top-level command with typed options, required ones first', () => {
    const { commands, skipped } = buildSlashCommands([
      definition(['forecast'], [
        { name: 'days', description: 'sessions ahead', type: 'integer', required: false },
        { name: 'ticker', description: 'symbol', type: 'string', required: true },
        { name: 'level', description: 'a price', type: 'number', required: false },
        { name: 'side', description: 'which side', type: 'string', required: false, choices: ['above', 'below'] },
      ]),
    ]);
    expect(skipped).toEqual([]);
    expect(commands).toEqual([
      {
        type: 1,
        name: 'forecast',
        description: 'forecast does things',
        options: [
          { type: 3, name: 'ticker', description: 'symbol', required: true },
          { type: 4, name: 'days', description: 'sessions ahead', required: false },
          { type: 10, name: 'level', description: 'a price', required: false },
          { type: 3, name: 'side', description: 'which side', required: false, choices: [{ name: 'above', value: 'above' }, { name: 'below', value: 'below' }] },
        ],
      },
    ]);
  });

  it('groups two-word paths into one command with a subcommand each, marking admin-only ones', () => {
    const { commands } = buildSlashCommands([
      definition(['model', 'status']),
      definition(['model', 'promote'], [{ name: 'version', description: 'v12', type: 'string', required: true }], { adminOnly: true }),
      definition(['help'], [{ name: 'topic', description: 'a command', type: 'string', required: false }]),
    ]);
    expect(commands.map((c) => c.name)).toEqual(['model', 'help']);
    expect(commands[0]).toEqual({
      type: 1,
      name: 'model',
      description: 'model: status, promote',
      options: [
        { type: 1, name: 'status', description: 'model status does things', options: [] },
        { type: 1, name: 'promote', description: 'model promote does things (admins)', options: [{ type: 3, name: 'version', description: 'v12', required: true }] },
      ],
    });
  });

  it('keeps descriptions within 100 characters and skips what Discord cannot name', () => {
    const { commands, skipped } = buildSlashCommands([
      definition(['report'], [], { summary: 'x'.repeat(300) }),
      definition(['Shout']),
      definition(['a'.repeat(33)]),
      definition(['model'], []),
      definition(['model', 'status']),
    ]);
    expect(commands.find((c) => c.name === 'report')?.description).toHaveLength(100);
    expect(skipped.map((s) => s.path)).toEqual(['Shout', 'a'.repeat(33), 'model']);
  });

  it('puts three-word paths in subcommand groups, and stops at 25 subcommands a level', () => {
    const { commands, skipped } = buildSlashCommands([
      definition(['admin', 'users', 'add'], [{ name: 'id', description: 'a user', type: 'string', required: true }]),
      definition(['admin', 'audit']),
      ...Array.from({ length: 30 }, (_, i) => definition(['bulk', `s${i}`])),
    ]);
    expect(commands[0]?.options).toEqual([
      { type: 2, name: 'users', description: 'admin users commands', options: [{ type: 1, name: 'add', description: 'admin users add does things', options: [{ type: 3, name: 'id', description: 'a user', required: true }] }] },
      { type: 1, name: 'audit', description: 'admin audit does things', options: [] },
    ]);
    expect(commandCallOf('admin', [{ name: 'users', type: 2, options: [{ name: 'add', type: 1, options: [{ name: 'id', type: 3, value: '7' }] }] }])).toEqual({ path: ['admin', 'users', 'add'], args: { id: '7' } });
    expect(commands[1]?.options).toHaveLength(25);
    expect(skipped.map((s) => s.path)).toEqual(['bulk s25', 'bulk s26', 'bulk s27', 'bulk s28', 'bulk s29']);
  });

  it('covers the whole registry, and maps each command back to its own path', () => {
    const { commands, skipped } = buildSlashCommands(COMMANDS);
    expect(skipped).toEqual([]);
    for (const command of commands) {
      expect(command.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(command.description.length).toBeLessThanOrEqual(100);
      for (const option of command.options ?? []) expect(option.description.length).toBeLessThanOrEqual(100);
    }
    for (const registered of COMMANDS) {
      const top = commands.find((c) => c.name === registered.path[0])!;
      // Answer the command the way Discord would: the subcommand (if any) holding every parameter.
      const values = registered.params.map((p) => ({ name: p.name, type: p.type === 'string' ? 3 : p.type === 'integer' ? 4 : 10, value: p.type === 'string' ? 'x' : 1 }));
      const options = registered.path.length === 2 ? [{ name: registered.path[1]!, type: 1, options: values }] : values;
      const call = commandCallOf(top.name, options);
      expect(call.path).toEqual([...registered.path]);
      expect(Object.keys(call.args).sort()).toEqual(registered.params.map((p) => p.name).sort());
    }
  });
});
