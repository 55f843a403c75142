import path from 'node:path';
import type { Command } from 'commander';
import { startOutboxWorker } from '../../alerts/outboxWorker.ts';
import { createBotServices } from '../../app/botServices.ts';
import { createBot } from '../../bot/createBot.ts';
import { runChatRepl } from '../../bot/terminal/chatRepl.ts';
import { createRemoteBot } from '../../bot/terminal/remoteBot.ts';
import { readServiceFile } from '../../app/serviceFile.ts';
import { TERMINAL_CHANNEL, terminalTransport } from '../../bot/terminal/terminalTransport.ts';
import type { CommandContext } from '../context.ts';
import type { OutputOptions } from '../output.ts';
import { terminalActorId } from '../terminalActor.ts';

/**
 * `tickcast chat`: the bot in the terminal, over the same command registry as Slack and Discord, so a newcomer
 * with no tokens can use it. Alerts created here are delivered here while the chat runs.
 */
export function registerChat(program: Command, ctx: CommandContext, output: () => OutputOptions): void {
  program
    .command('chat')
    .description('talk to the bot in the terminal: the same commands as Slack and Discord (`help` lists them)')
    .action(async () => {
      const config = ctx.config();
      // On the embedded database a running service holds the data folder: talk to its bot instead.
      const running = config.database.url ? null : readServiceFile(config.database.dataDir);
      if (running) {
        const actorId = terminalActorId();
        if (!output().json) process.stdout.write(`Connected to the running service (pid ${running.pid}, ${running.url}). Alerts made here are delivered when \`tickcast chat\` runs without the service.\n`);
        await runChatRepl({
          bot: createRemoteBot(running),
          actor: { id: actorId, name: actorId.slice('terminal:'.length), roles: [] },
          channel: TERMINAL_CHANNEL,
          input: process.stdin,
          output: process.stdout,
          filesDir: path.join(config.database.dataDir, 'chat'),
          json: output().json,
        });
        return;
      }
      await ctx.withApp(async (app) => {
        const actorId = terminalActorId();
        let worker: ReturnType<typeof startOutboxWorker> | null = null;
        const services = createBotServices(app, { onEnqueued: () => worker?.notify() });
        worker = startOutboxWorker({ store: app.store, transports: [terminalTransport(process.stdout)], logger: app.logger });
        try {
          await runChatRepl({
            bot: createBot(services, { logger: app.logger }),
            actor: { id: actorId, name: actorId.slice('terminal:'.length), roles: [] },
            channel: TERMINAL_CHANNEL,
            input: process.stdin,
            output: process.stdout,
            filesDir: path.join(app.config.database.dataDir, 'chat'),
            json: output().json,
          });
        } finally {
          await worker.stop();
        }
      });
    });
}
