import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../app/config.ts';
import { createLogger } from '../../app/logger.ts';
import { createApp, type App } from '../../app/wiring.ts';
import type { Bot } from '../../bot/bot.ts';
import { createBotServices, type BotServiceOptions } from '../../app/botServices.ts';
import { createBot, type BotOptions } from '../../bot/createBot.ts';
import type { BotServices } from '../../bot/services.ts';
import { ENGINES, openTestDatabase, type TestEngine } from './engines.ts';
import { ingestSharedOrClose } from './ingestShared.ts';

export interface BotHarness {
  app: App;
  services: BotServices;
  bot: Bot;
  /** A temporary data folder (report files, charts), removed by `close`. */
  dataDir: string;
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  /** Shared daily files to ingest through the real pipeline (default AAPL). */
  tickers?: string[];
  /** TICKCAST_ADMINS entries, e.g. `slack:UADMIN1`, `discord:role:456`. */
  admins?: string[];
  /** Other environment for the configuration. */
  env?: Record<string, string>;
  engine?: TestEngine;
  bot?: BotOptions;
  services?: BotServiceOptions;
}

/**
 * A real app for chat tests: a migrated database (in-memory PGlite by default), the shared daily bars of the
 * tickers loaded through the ingest pipeline, and the bot over it. No model is trained, so forecasts are the
 * naive random-walk answer (`modelVersion: 'naive'`, no edge), which is what a fresh installation gives too.
 */
export async function openBotHarness(options: BotHarnessOptions = {}): Promise<BotHarness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tickcast-bot-'));
  const config = loadConfig({ TICKCAST_DATA_DIR: dataDir, TICKCAST_ADMINS: (options.admins ?? []).join(','), ...options.env }, dataDir);
  const database = await openTestDatabase(options.engine ?? ENGINES[0]!);
  const app = await createApp(config, createLogger('silent'), { database });
  await ingestSharedOrClose(app, options.tickers ?? ['AAPL']);
  const services = createBotServices(app, options.services);
  const bot = createBot(services, { logger: app.logger, ...options.bot });
  return {
    app,
    services,
    bot,
    dataDir,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
