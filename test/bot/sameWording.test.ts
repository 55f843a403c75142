import { describe, expect, it } from 'vitest';
import { resultEmbed } from '../../bot/discord/discordEmbeds.ts';
import { renderOutbound, renderResult } from '../../bot/slack/slackBlocks.ts';
import { outboundEmbed } from '../../bot/discord/outboundEmbed.ts';
import { renderOutboundText, renderText } from '../../bot/terminal/renderText.ts';
import { forecastChartSpec } from '../../charts/forecastChart.ts';
import { evaluationLine, forecastTable, reportHeadline, reportPdfHint, reportWatchlistTable, ruleLine, skillLine } from '../../render/wording.ts';
import { sampleReport } from '../mail/reportSamples.ts';
import { blockTexts } from './slack/blockTexts.ts';
import { naiveForecast } from '../support/samples.ts';
import { SAMPLE_RESULTS } from './sampleResults.ts';

/** Slack's block texts as plain text again: the ```fences``` and the mrkdwn escapes taken off. */
function slackTexts(result: Parameters<typeof renderResult>[0]): string[] {
  return blockTexts(renderResult(result).blocks).map((t) => t.replace(/^```|```$/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

function discordTexts(result: Parameters<typeof resultEmbed>[0]): string[] {
  const embed = resultEmbed(result);
  return [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)];
}

const subtitle = (forecast: ReturnType<typeof naiveForecast>) =>
  (forecastChartSpec(forecast, SAMPLE_RESULTS.forecast.history) as unknown as { title: { subtitle: string[] } }).title.subtitle.join(' ');

/** Every surface words a result with render/wording.ts; only the markup around it differs. */
describe('one wording on every surface', () => {
  it.each([
    ['with an edge', SAMPLE_RESULTS.forecast.forecast],
    ['without one', naiveForecast()],
  ])('shows the same skill line and forecast table for a forecast %s', (_, forecast) => {
    const result = { ...SAMPLE_RESULTS.forecast, forecast };
    const line = skillLine(forecast);
    const table = forecastTable(forecast);
    expect(slackTexts(result)).toContain(`${forecast.edge ? '' : ':warning: '}${line}`);
    expect(slackTexts(result)).toContain(table);
    expect(discordTexts(result)).toContain(line);
    expect(discordTexts(result).join('\n')).toContain(table);
    expect(renderText(result).split('\n')).toEqual(expect.arrayContaining([line, ...table.split('\n')]));
    expect(subtitle(forecast)).toBe(skillLine(forecast, { short: true }));
  });

  it('shows the same evaluation line on Discord and in the terminal', () => {
    const { retrained } = SAMPLE_RESULTS;
    expect(discordTexts(retrained)).toEqual(expect.arrayContaining([evaluationLine(retrained.skill), evaluationLine(retrained.naive)]));
    expect(renderText(retrained)).toContain(`${retrained.version}: ${evaluationLine(retrained.skill)}`);
  });

  it('lists alert rules in the same words, the number emphasised where the surface can', () => {
    const { alertList } = SAMPLE_RESULTS;
    const slack = slackTexts(alertList).join('\n');
    const discord = discordTexts(alertList).join('\n');
    const terminal = renderText(alertList);
    for (const rule of alertList.rules) {
      const plain = ruleLine(rule);
      expect(slack).toContain(ruleLine(rule, (id) => `*${id}*`));
      expect(discord).toContain(ruleLine(rule, (id) => `**${id}**`));
      expect(terminal).toContain(plain);
    }
  });

  it('posts a delivered report to a channel as its headline, summary, watchlist table and where the PDF is', () => {
    const report = sampleReport({ summary: ['AAPL closed at 189.98, up 1.20% on the day.'] });
    const body = { kind: 'report', report } as const;
    const parts = [reportHeadline(report), report.summary[0]!, reportWatchlistTable(report), reportPdfHint()];
    const slack = blockTexts(renderOutbound(body).blocks).map((t) => t.replace(/^```|```$/g, '').replace(/\\`/g, '`')).join('\n');
    const embed = outboundEmbed(body);
    const discord = `${embed.title}\n${embed.description}`;
    const terminal = renderOutboundText(body);
    for (const part of parts) {
      expect(slack).toContain(part);
      expect(discord).toContain(part);
      expect(terminal).toContain(part);
    }
    expect(reportWatchlistTable(report).split('\n')[1]).toBe('AAPL        189.98        +1.20%            191.40  185.10 – 197.70');
  });
});
