import type { webApi } from '@slack/bolt';
import { forecastPng, pricePng } from '../../charts/forecastPng.ts';
import { forecastTitle, formatPrice } from '../../render/wording.ts';
import type { CommandResult } from '../results.ts';
import { message, section, type SlackMessage } from './blockKit.ts';
import { slackErrorCode } from './slackErrors.ts';

/** The file that goes with a result: the forecast or price chart, or the report's PDF. */
export interface SlackFile {
  bytes: Uint8Array;
  filename: string;
  title: string;
  altText: string;
}

export interface ChartRenderers {
  forecastPng: typeof forecastPng;
  pricePng: typeof pricePng;
}

export const DEFAULT_CHARTS: ChartRenderers = { forecastPng, pricePng };

/** Slack shows file names; `^GSPC` and `BRK-B` should still make tidy ones. */
function safeName(text: string): string {
  return text.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_+|_+$/g, '') || 'tickcast';
}

/** Starts rendering at once, so the chart draws while the answer is on its way; null when the result has no file. */
export function fileFor(result: CommandResult, charts: ChartRenderers): Promise<SlackFile> | null {
  switch (result.kind) {
    case 'forecast': {
      const { forecast } = result;
      const last = forecast.points[forecast.points.length - 1];
      const altText = last
        ? `Fan chart of ${forecast.ticker}: last close ${formatPrice(forecast.lastClose)} on ${forecast.asOf}; median ${formatPrice(last.p50)} by ${last.date}, 80% interval ${formatPrice(last.p10)} to ${formatPrice(last.p90)}, 95% interval ${formatPrice(last.p025)} to ${formatPrice(last.p975)}.`
        : `Chart of ${forecast.ticker} closes.`;
      return charts.forecastPng(forecast, result.history).then((bytes) => ({
        bytes,
        filename: `${safeName(forecast.ticker)}-forecast-${forecast.asOf}.png`,
        title: forecastTitle(forecast),
        altText,
      }));
    }
    case 'price':
      return charts.pricePng(result.ticker, result.history).then((bytes) => ({
        bytes,
        filename: `${safeName(result.ticker)}-closes-${result.asOf}.png`,
        title: `${result.ticker} closes to ${result.asOf}`,
        altText: `Line chart of ${result.ticker} closes over ${result.history.length} sessions up to ${result.asOf}, last ${formatPrice(result.close)}.`,
      }));
    case 'report':
      if (!result.file) return null;
      return Promise.resolve({
        bytes: result.file.bytes,
        filename: safeName(result.file.name),
        title: result.report?.title ?? 'tickcast report',
        altText: `PDF report${result.report ? ` for ${result.report.reportDate}` : ''}`,
      });
    default:
      return null;
  }
}

/** files.uploadV2: getUploadURLExternal, the upload itself, completeUploadExternal into the channel. */
export async function uploadFile(client: webApi.WebClient, channelId: string, file: SlackFile): Promise<void> {
  await client.filesUploadV2({
    channel_id: channelId,
    // The WebClient takes a string as a path to read: the bytes must be a Buffer. This one shares their memory.
    file: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength),
    filename: file.filename,
    title: file.title,
    alt_text: file.altText.slice(0, 1000),
  });
}

/** What the person who asked is told when the file could not be posted; the answer itself already went out. */
export function uploadFailureNote(err: unknown, what: 'chart' | 'PDF'): SlackMessage {
  const code = slackErrorCode(err);
  const text =
    code === 'not_in_channel' || code === 'channel_not_found'
      ? `I could not post the ${what} here: the app is not a member of this channel. Invite it with \`/invite @tickcast\` and ask again.`
      : `I could not post the ${what}${code ? ` (Slack said \`${code}\`)` : ''}; the numbers above stand. Try again in a moment.`;
  return message(text.replace(/`/g, ''), [section(`:paperclip: ${text}`)], 'ephemeral');
}

export function renderFailureNote(what: 'chart' | 'PDF'): SlackMessage {
  const text = `The ${what} could not be drawn this time; the numbers above stand.`;
  return message(text, [section(`:paperclip: ${text}`)], 'ephemeral');
}
