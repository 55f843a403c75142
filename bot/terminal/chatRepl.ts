import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { forecastPng, pricePng } from '../../charts/forecastPng.ts';
import type { Actor, ChannelRef } from '../../core/chat.ts';
import type { Bot } from '../bot.ts';
import type { CommandResult } from '../results.ts';
import { renderText } from './renderText.ts';

export interface ChatReplOptions {
  bot: Pick<Bot, 'runText'>;
  actor: Actor;
  channel: ChannelRef;
  input: Readable;
  output: Writable;
  /** Where chart PNGs and report PDFs are written for the person to open. */
  filesDir: string;
  /** One JSON document per result instead of text (for scripts). */
  json: boolean;
}

const GREETING = 'tickcast chat: the same commands as in Slack and Discord. Try `forecast AAPL`, `help`, or `exit`.';

/** Writes the chart or PDF a result carries, returning a line saying where it is. */
async function saveAttachment(result: CommandResult, dir: string): Promise<string | null> {
  let name: string;
  let bytes: Uint8Array;
  if (result.kind === 'forecast') {
    name = `${result.forecast.ticker}-${result.forecast.asOf}-forecast.png`;
    bytes = await forecastPng(result.forecast, result.history);
  } else if (result.kind === 'price') {
    name = `${result.ticker}-${result.asOf}-price.png`;
    bytes = await pricePng(result.ticker, result.history);
  } else if (result.kind === 'report' && result.file) {
    ({ name, bytes } = result.file);
  } else {
    return null;
  }
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, name.replace(/[^\w.^-]/g, '_'));
  await fs.writeFile(file, bytes);
  return `${result.kind === 'report' ? 'PDF' : 'Chart'}: ${file}`;
}

/**
 * `tickcast chat`: a read-eval-print loop over the bot, one line at a time and in order. Works on a terminal
 * (with a prompt) and on piped input (without one), so it also scripts.
 */
export async function runChatRepl(options: ChatReplOptions): Promise<void> {
  const { bot, output } = options;
  const interactive = Boolean((options.input as NodeJS.ReadStream).isTTY) && !options.json;
  const lines = readline.createInterface({ input: options.input, output: interactive ? output : undefined, terminal: interactive, prompt: 'tickcast> ' });
  if (interactive) {
    output.write(`${GREETING}\n`);
    lines.prompt();
  }
  for await (const raw of lines) {
    const line = raw.trim();
    if (line === 'exit' || line === 'quit') break;
    if (line.length > 0) {
      const invocation = { actor: options.actor, channel: options.channel, requestId: randomUUID() };
      const result = await bot.runText(line, invocation, { progress: async (note) => void output.write(`… ${note}\n`) });
      await print(result, options);
    }
    if (interactive) lines.prompt();
  }
  lines.close();
}

async function print(result: CommandResult, options: ChatReplOptions): Promise<void> {
  if (options.json) {
    options.output.write(`${JSON.stringify(result, (key, value: unknown) => (key === 'bytes' ? undefined : value))}\n`);
    return;
  }
  let attachment: string | null = null;
  try {
    attachment = await saveAttachment(result, options.filesDir);
  } catch (err) {
    attachment = `(could not write the attachment: ${(err as Error).message})`;
  }
  options.output.write(`${renderText(result)}${attachment ? `\n${attachment}` : ''}\n`);
}
