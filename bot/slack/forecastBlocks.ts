import type { Forecast } from '../../core/forecast.ts';
import { driversLine, forecastIntro, forecastTable, forecastTitle, formatPrice, priceRange, signedPercent, skillLine, skillRatio } from '../../render/wording.ts';
import type { ResultOf } from '../results.ts';
import { codeBlocks, context, escapeMrkdwn, fields, header, message, section, type SlackMessage } from './blockKit.ts';

/** `/forecast` and `/tickcast price` answers: the numbers in blocks; the chart is uploaded beside them. */

const bold = (text: string) => `*${text}*`;

/** The skill line, flagged when the interval shown is the random walk's rather than the model's. */
function skillContext(forecast: Forecast): string {
  return `${forecast.edge ? '' : ':warning: '}${escapeMrkdwn(skillLine(forecast))}`;
}

export function renderForecast(result: ResultOf<'forecast'>): SlackMessage {
  const { forecast } = result;
  const last = forecast.points[forecast.points.length - 1];
  const blocks = [header(forecastTitle(forecast)), section(forecastIntro(forecast, bold)), ...codeBlocks(forecastTable(forecast)), context(skillContext(forecast))];
  if (forecast.edge && forecast.drivers.length > 0) blocks.push(context(`Drivers: ${escapeMrkdwn(driversLine(forecast))}`));
  blocks.push(context(`Model \`${escapeMrkdwn(forecast.modelVersion)}\` · as of ${forecast.asOf}`));
  const summary = last
    ? `${forecastTitle(forecast)}: median ${formatPrice(last.p50)} (${signedPercent(last.p50 / forecast.lastClose - 1)}) on ${last.date}, 80% ${priceRange(last.p10, last.p90)}.`
    : `${forecastTitle(forecast)}: no points.`;
  const edgeNote = forecast.edge ? `MASE ${skillRatio(forecast.skill.mase)}.` : 'No edge over tomorrow = today lately.';
  return message(`${summary} ${edgeNote}`, blocks, 'in_channel');
}

export function renderPrice(result: ResultOf<'price'>): SlackMessage {
  const ticker = escapeMrkdwn(result.ticker);
  const blocks = [
    header(`${result.ticker} · last close`),
    fields([
      ['Close', `${formatPrice(result.close)} (${result.asOf})`],
      ['52-week range', priceRange(result.low52w, result.high52w)],
      ['1 session', signedPercent(result.change1d)],
      ['5 sessions', signedPercent(result.change5d)],
    ]),
  ];
  if (result.qualityNote) blocks.push(context(`:warning: ${escapeMrkdwn(result.qualityNote)}`));
  return message(`${ticker} closed at ${formatPrice(result.close)} on ${result.asOf} (${signedPercent(result.change1d)} on the session).`, blocks, 'in_channel');
}
