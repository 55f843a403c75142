import { z } from 'zod';
import { defineCommand, usageOf, type CommandDefinition } from '../command.ts';

/** `help` needs the list it describes; the registry passes it in to avoid an import cycle. */
export function helpCommand(list: () => readonly CommandDefinition[]) {
  return defineCommand({
    path: ['help'],
    summary: 'what tickcast can do, or the details of one command',
    params: [{ name: 'topic', display: 'COMMAND', description: 'a command, e.g. alert', type: 'string', required: false }],
    schema: z.object({ topic: z.string().max(40).transform((t) => t.toLowerCase()).optional() }),
    adminOnly: false,
    cost: null,
    examples: ['help', 'help alert'],
    async run({ topic }) {
      const all = list();
      const chosen = topic ? all.filter((c) => c.path[0] === topic) : all;
      const commands = (chosen.length > 0 ? chosen : all).map((c) => ({ usage: usageOf(c), summary: c.summary, adminOnly: c.adminOnly, examples: [...c.examples] }));
      return { kind: 'help', topic: chosen.length > 0 ? (topic ?? null) : null, commands };
    },
  });
}
