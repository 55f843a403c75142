import type { Forecast, Skill } from '../../core/forecast.ts';
import type { ResultOf } from '../results.ts';
import { codeTable, context, escapeMrkdwn, fields, header, message, section, type SlackMessage } from './blockKit.ts';
import { percent, price, ratio, signedPercent } from './format.ts';

/** `/forecast` and `/tickcast price` answers: the numbers in blocks; the chart is uploaded beside them. */

export function forecastTableRows(forecast: Forecast): string[][] {
  return forecast.points.map((p) => [
    p.date,
    price(p.p50),
    signedPercent(p.p50 / forecast.lastClose - 1),
    `${price(p.p10)} – ${price(p.p90)}`,
    `${price(p.p025)} – ${price(p.p975)}`,
  ]);
}

function skillFigures(skill: Skill): string {
  const parts = [`80% interval covered ${percent(skill.coverage80)}`, `95% covered ${percent(skill.coverage95)}`];
  if (skill.hitRate !== null) {
    const range = skill.hitRateLow !== null && skill.hitRateHigh !== null ? ` (${percent(skill.hitRateLow, 0)}–${percent(skill.hitRateHigh, 0)})` : '';
    parts.push(`direction right ${percent(skill.hitRate)}${range}`);
  }
  return `${parts.join(', ')}; ${skill.n} forecasts, ${escapeMrkdwn(skill.window)}`;
}

/** The one honest line: whether the model has beaten "tomorrow = today" lately, and by what measure. */
export function skillLine(forecast: Forecast): string {
  if (forecast.edge) {
    return `Edge over tomorrow = today: MASE ${ratio(forecast.skill.mase)} (lower is better), ${skillFigures(forecast.skill)}.`;
  }
  return `:warning: No edge over tomorrow = today lately — showing the random-walk interval. ${escapeMrkdwn(forecast.edgeReason)}`;
}

export function forecastTitle(forecast: Forecast): string {
  return `${forecast.ticker} · ${forecast.horizon}-session forecast`;
}

export function renderForecast(result: ResultOf<'forecast'>): SlackMessage {
  const { forecast } = result;
  const last = forecast.points[forecast.points.length - 1];
  const blocks = [
    header(forecastTitle(forecast)),
    section(`Last close *${price(forecast.lastClose)}* on ${forecast.asOf}. Median path with 80% and 95% intervals:`),
    ...codeTable(['date', 'median', 'vs last', '80% interval', '95% interval'], forecastTableRows(forecast), ['left', 'right', 'right', 'right', 'right']),
    context(skillLine(forecast)),
  ];
  if (forecast.edge && forecast.drivers.length > 0) {
    blocks.push(context(`Drivers: ${forecast.drivers.map((d) => `${escapeMrkdwn(d.input)} ${ratio(d.importance)}`).join(', ')}`));
  }
  blocks.push(context(`Model \`${escapeMrkdwn(forecast.modelVersion)}\` · as of ${forecast.asOf}`));
  const summary = last
    ? `${forecastTitle(forecast)}: median ${price(last.p50)} (${signedPercent(last.p50 / forecast.lastClose - 1)}) on ${last.date}, 80% ${price(last.p10)}–${price(last.p90)}.`
    : `${forecastTitle(forecast)}: no points.`;
  const edgeNote = forecast.edge ? `MASE ${ratio(forecast.skill.mase)}.` : 'No edge over tomorrow = today lately.';
  return message(`${summary} ${edgeNote}`, blocks, 'in_channel');
}

export function renderPrice(result: ResultOf<'price'>): SlackMessage {
  const ticker = escapeMrkdwn(result.ticker);
  const blocks = [
    header(`${result.ticker} · last close`),
    fields([
      ['Close', `${price(result.close)} (${result.asOf})`],
      ['52-week range', `${price(result.low52w)} – ${price(result.high52w)}`],
      ['1 day', signedPercent(result.change1d)],
      ['5 days', signedPercent(result.change5d)],
    ]),
  ];
  if (result.qualityNote) blocks.push(context(`:warning: ${escapeMrkdwn(result.qualityNote)}`));
  return message(`${ticker} closed at ${price(result.close)} on ${result.asOf} (${signedPercent(result.change1d)} on the day).`, blocks, 'in_channel');
}
