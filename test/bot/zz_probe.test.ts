import { expect, it } from 'vitest';
import { createBot } from '../../bot/createBot.ts';
import { createLogger } from '../../app/logger.ts';
import { openBotHarness } from '../support/botHarness.ts';
import { from } from './support.ts';

it('probe', async () => {
  const h = await openBotHarness({ tickers: [] });
  const lines: string[] = [];
  const bot = createBot(h.services, { logger: createLogger('error', { write: (l: string) => void lines.push(l) }) });
  const r = await bot.runArgs(['model', 'promote'], { version: 'v\ud800' }, from('discord:user:1', { surface: 'discord' }));
  console.log('PROBE', JSON.stringify(r), lines.map((l) => JSON.parse(l).msg));
  const audit = await h.app.store.audit.list();
  console.log('PROBE audit rows', audit.length);
  expect(1).toBe(1);
  await h.close();
}, 60_000);
