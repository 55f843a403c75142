import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorEmbed, resultEmbed } from '../../../bot/discord/discordEmbeds.ts';
import { outboundEmbed } from '../../../bot/discord/outboundEmbed.ts';
import { EMBED_LIMITS, embedsSize } from '../../../bot/discord/embedLimits.ts';
import { naiveForecast, sampleRule } from '../../support/samples.ts';
import { ALL_RESULTS, SAMPLE_RESULTS } from '../sampleResults.ts';

const at = new Date('2026-06-12T21:00:00Z');
const rule = (id: number) => ({ ...sampleRule, id, armed: id % 2 === 0 });

function withinLimits(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.title);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.description);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(EMBED_LIMITS.fields);
  for (const f of embed.fields ?? []) {
    expect(f.name.length).toBeGreaterThan(0);
    expect(f.value.length).toBeGreaterThan(0);
    expect(f.value.length).toBeLessThanOrEqual(EMBED_LIMITS.fieldValue);
  }
  expect(embedsSize([embed])).toBeLessThanOrEqual(EMBED_LIMITS.total);
}

describe('Discord embeds', () => {
  it.each(ALL_RESULTS)('renders a $kind result with a title or fields, within the limits', (result) => {
    const embed = resultEmbed(result);
    expect(embed.title ?? embed.fields?.[0]?.name).toBeTruthy();
    withinLimits(embed);
  });

  it('shows the forecast as a table of median with change, 80% and 95% intervals, the no-edge line and the model', () => {
    const embed = resultEmbed({ ...SAMPLE_RESULTS.forecast, forecast: naiveForecast() }, { imageName: 'chart.png' });
    expect(embed.title).toBe('AAPL · 5-session forecast');
    expect(embed.description).toContain('Last close **199.50** on 2026-06-12');
    expect(embed.description).toMatch(/date\s+median\s+change\s+80% interval\s+95% interval/);
    expect(embed.description).toMatch(/2026-06-15\s+200\.30\s+\+0\.4%\s+198\.00 – 202\.00\s+196\.00 – 204\.00/);
    expect(embed.description).toMatch(/2026-06-19\s+201\.50\s+\+1\.0%/);
    expect(embed.fields?.[0]?.value).toBe('No edge over tomorrow = today lately: showing the random-walk interval. no model has passed the gate yet');
    expect(embed.footer?.text).toBe('model naive · as of 2026-06-12');
    expect(embed.image).toEqual({ url: 'attachment://chart.png' });
  });

  it('states the edge with its figures when the model has one, and its drivers', () => {
    const embed = resultEmbed(SAMPLE_RESULTS.forecast);
    expect(embed.fields?.[0]).toMatchObject({ name: 'Skill' });
    expect(embed.fields?.[0]?.value).toMatch(/^Edge over tomorrow = today: MASE 0\.970 \(below 1 beats it\) · direction 52\.3% \[49\.0%, 55\.6%\]/);
    expect(embed.fields?.[1]).toMatchObject({ name: 'Drivers', value: 'ret_1 0.42' });
    expect(embed.footer?.text).toBe('model v3 · as of 2026-06-12');
  });

  it('keeps a long alert list, a long help and a huge error message inside the limits, saying what was left out', () => {
    const list = resultEmbed({ ...SAMPLE_RESULTS.alertList, rules: Array.from({ length: 400 }, (_, i) => rule(i + 1)) });
    withinLimits(list);
    expect(list.description).toMatch(/… and \d+ more$/);
    const help = resultEmbed({ kind: 'help', topic: 'x', commands: Array.from({ length: 200 }, (_, i) => ({ usage: `cmd${i} ${'ARG '.repeat(20)}`, summary: 's'.repeat(90), adminOnly: true, examples: ['cmd x', 'cmd y'] })) });
    withinLimits(help);
    const error = resultEmbed({ kind: 'error', code: 'x', message: 'e'.repeat(20_000), reference: 'r-1' });
    withinLimits(error);
    expect(error.footer?.text).toBe('reference r-1');
  });

  it('names the refusal as such, and ties an unexpected failure to the logs', () => {
    expect(errorEmbed({ message: '`model rollback` is for admins', reference: null })).toMatchObject({ title: 'That did not work', description: '`model rollback` is for admins' });
    expect(errorEmbed({ message: 'boom', reference: 'abc' })).toMatchObject({ title: 'Something went wrong on our side', footer: { text: 'reference abc' } });
  });

  it('renders a fired alert and a notice for the outbox', () => {
    const alert = outboundEmbed({
      kind: 'alert',
      event: { id: 1, ruleId: 3, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'discord', channelId: '1' }, asOf: '2026-06-12', value: 198.5, detail: 'closed at 198.50', firedAt: at },
    });
    expect(alert).toMatchObject({ title: '🔔 TSLA: alert #3', description: 'TSLA closes at or below 200.\nclosed at 198.50', timestamp: at.toISOString() });
    withinLimits(alert);
    expect(outboundEmbed({ kind: 'notice', title: 'Drift', text: 'input ret_1 drifted', severity: 'warning' })).toMatchObject({ title: 'Drift', description: 'input ret_1 drifted', color: 0xd97706 });
  });
});
