import type { Command } from 'commander';
import type { CommandContext } from '../context.ts';
import { createApp } from '../../app/wiring.ts';
import { redactConfig } from '../../app/redact.ts';
import { startHttpServer } from '../../app/httpServer.ts';
import { seedIfEmpty, type SeedResult } from '../../app/seedIfEmpty.ts';
import { startChatRuntime, type ChatRuntime } from '../../app/chatRuntime.ts';
import { reportRoutes } from '../../app/reportRoutes.ts';
import { humanIngest } from './ingest.ts';

/** `tickcast start`: the service. Opens (and migrates) the database, serves HTTP, stops cleanly on SIGINT/SIGTERM. */
export function registerStart(program: Command, ctx: CommandContext): void {
  program
    .command('start')
    .description('run the service (what `npm start` runs)')
    .action(async () => {
      const config = ctx.config();
      const logger = ctx.logger();
      logger.debug({ config: redactConfig(config) }, 'configuration');
      const app = await createApp(config, logger, { migrate: true });
      let server;
      let chat: ChatRuntime | null = null;
      try {
        const seed = await seedIfEmpty(app);
        if (seed.seeded) process.stdout.write(`${describeSeed(seed)}\n\n`);
        chat = await startChatRuntime(app);
        server = await startHttpServer(app, config.http.port, { routes: [...chat.routes, ...reportRoutes(app.store.reports, config.database.dataDir)] });
      } catch (err) {
        await chat?.stop();
        await app.close();
        throw err;
      }
      logger.info({ url: server.url, engine: app.database.engine, location: app.database.location, surfaces: chat.surfaces }, 'ready');
      process.stdout.write(
        [
          `tickcast ready: ${server.url}/healthz (database: ${app.database.engine} at ${app.database.location})`,
          ...chat.surfaces.map((line) => `  ${line}`),
          '  Terminal: npx tickcast chat',
          `  Reports: ${server.url}/reports`,
        ].join('\n') + '\n',
      );
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'shutting down');
          resolve();
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      // Stop taking requests first, then let chat answers and the delivery in flight finish, then close storage.
      await server.close();
      await chat.stop();
      await app.close();
      logger.info('stopped');
    });
}

function describeSeed(seed: SeedResult): string {
  const heading = seed.source === 'yahoo'
    ? 'First run: loaded the watchlist from Yahoo Finance.'
    : `First run: Yahoo Finance is unreachable, so tickcast loaded its bundled sample instead: S&P 500 (^GSPC) daily bars 2000-2020.\n(${seed.fallbackReason})`;
  const ticker = seed.runs.find((run) => run.status === 'succeeded')?.ticker ?? '^GSPC';
  return [heading, humanIngest({ runs: seed.runs }), `Look at it: npx tickcast prices '${ticker}' --last 5 · npx tickcast features '${ticker}' · npx tickcast quality`].join('\n');
}
