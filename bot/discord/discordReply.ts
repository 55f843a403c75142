import type { APIEmbed } from 'discord.js';
import type { Logger } from '../../app/logger.ts';
import { forecastPng, pricePng } from '../../charts/forecastPng.ts';
import type { CommandResult } from '../results.ts';
import { errorEmbed, resultEmbed } from './discordEmbeds.ts';
import { COLORS } from './colors.ts';

/** A message as the Discord surfaces send it: embeds, attached files, and whether only the caller sees it. */
export interface DiscordFile {
  name: string;
  data: Uint8Array;
  contentType: string;
}

export interface DiscordReply {
  embeds: APIEmbed[];
  files: DiscordFile[];
  ephemeral: boolean;
}

export interface ChartRenderer {
  forecastPng: typeof forecastPng;
  pricePng: typeof pricePng;
}

export const defaultCharts: ChartRenderer = { forecastPng, pricePng };

/** What a bot may upload without boosts (https://discord.com/developers/docs/reference#uploading-files). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Results only the caller needs to see. */
export function isPrivateResult(result: CommandResult): boolean {
  return result.kind === 'error' || result.kind === 'help';
}

/**
 * The reply to a command: its embed, and the chart or PDF it refers to. A chart that fails to render is left out
 * with a note instead of turning a good forecast into an error.
 */
export async function replyFor(result: CommandResult, options: { charts?: ChartRenderer; logger: Logger }): Promise<DiscordReply> {
  const charts = options.charts ?? defaultCharts;
  const ephemeral = isPrivateResult(result);
  const chart = async (name: string, render: () => Promise<Uint8Array>): Promise<DiscordReply> => {
    try {
      const data = await render();
      return { embeds: [resultEmbed(result, { imageName: name })], files: [{ name, data, contentType: 'image/png' }], ephemeral };
    } catch (err) {
      options.logger.warn({ err, kind: result.kind }, 'chart failed to render; replying without it');
      return withNote({ embeds: [resultEmbed(result)], files: [], ephemeral }, 'The chart could not be drawn this time.');
    }
  };
  switch (result.kind) {
    case 'forecast':
      return chart('chart.png', () => charts.forecastPng(result.forecast, result.history));
    case 'price':
      return chart('price.png', () => charts.pricePng(result.ticker, result.history));
    case 'report': {
      const file = result.file;
      if (!file) return { embeds: [resultEmbed(result)], files: [], ephemeral };
      if (file.bytes.byteLength > MAX_UPLOAD_BYTES) {
        const size = (file.bytes.byteLength / 1024 / 1024).toFixed(1);
        return { embeds: [resultEmbed({ ...result, file: null, reason: `The PDF (${size} MB) is over Discord's upload limit.` })], files: [], ephemeral };
      }
      return { embeds: [resultEmbed(result)], files: [{ name: file.name, data: file.bytes, contentType: 'application/pdf' }], ephemeral };
    }
    default:
      return { embeds: [resultEmbed(result)], files: [], ephemeral };
  }
}

function withNote(reply: DiscordReply, note: string): DiscordReply {
  const [first, ...rest] = reply.embeds;
  if (!first) return reply;
  const footer = first.footer ? `${first.footer.text} · ${note}` : note;
  return { ...reply, embeds: [{ ...first, footer: { text: footer } }, ...rest] };
}

/** The reply for a failure outside the command itself (rendering, Discord refusing the first answer). */
export function failureReply(reference: string): DiscordReply {
  return {
    embeds: [errorEmbed({ message: 'The answer could not be delivered in full. Please try again in a moment.', reference })],
    files: [],
    ephemeral: true,
  };
}

/** A progress note from a long command (a retrain). */
export function progressReply(note: string): DiscordReply {
  return { embeds: [{ description: note.slice(0, 4000), color: COLORS.neutral }], files: [], ephemeral: false };
}
