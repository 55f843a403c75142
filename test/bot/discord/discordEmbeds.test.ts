import type { APIEmbed } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { errorEmbed, resultEmbed } from '../../../bot/discord/discordEmbeds.ts';
import { outboundEmbed } from '../../../bot/discord/outboundEmbed.ts';
import { EMBED_LIMITS, embedsSize } from '../../../bot/discord/embedLimits.ts';
import type { CommandResult, ResultKind, ResultOf } from '../../../bot/results.ts';
import type { AlertRule } from '../../../core/alerts.ts';
import type { PromotionRequest } from '../../../core/governance.ts';
import type { AliasMove, EvaluationRow } from '../../../core/model.ts';
import { sampleForecast, sampleHistory } from './discordFixtures.ts';

const at = new Date('2026-06-12T21:00:00Z');
const row = (model: string, mase: number): EvaluationRow => ({
  ticker: 'ALL', model, horizon: 1, n: 250, rmse: 0.012, mae: 0.009, mase, u2: mase, hitRate: 0.52, hitRateLow: 0.46, hitRateHigh: 0.58,
  coverage80: 0.8, coverage95: 0.95, winkler80: 0.04, winkler95: 0.06,
});
const rule = (id: number): AlertRule => ({
  id, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'discord', channelId: '1' }, createdBy: 'discord:user:1', createdAt: at, active: true, armed: id % 2 === 0, lastEvaluatedAt: null,
});
const request: PromotionRequest = {
  id: 7, version: 'v12', requestedBy: 'discord:user:1', requestedAt: at, state: 'pending', decidedBy: null, decidedAt: null,
  comparison: { candidate: row('lstm', 0.97), champion: row('lstm', 0.99), naive: row('naive', 1), championVersion: 'v11', gate: { passed: true, checks: [{ name: 'mase', passed: true, detail: 'MASE 0.97 ≤ champion 0.99' }] } },
};
const move: AliasMove = { alias: 'champion', fromVersion: 'v11', toVersion: 'v12', reason: 'promoted', at, by: 'discord:user:2' };
const version = { version: 'v12', createdAt: at, trainFrom: new Date('2006-01-03'), trainTo: new Date('2026-01-02'), skill: row('lstm', 0.97), naive: row('naive', 1) };

/** One result of every kind: a kind added to the union and not here fails to compile. */
const samples: { [K in ResultKind]: ResultOf<K> } = {
  forecast: { kind: 'forecast', forecast: sampleForecast(), history: sampleHistory },
  price: { kind: 'price', ticker: 'AAPL', asOf: '2026-06-12', close: 190.5, change1d: 0.012, change5d: -0.031, high52w: 237.2, low52w: 164.1, qualityNote: 'a gap on 2026-06-03', history: sampleHistory },
  alertCreated: { kind: 'alertCreated', rule: rule(3), observation: { holds: false, asOf: '2026-06-12', value: 210, detail: 'last close 210.00, above 200' } },
  alertList: { kind: 'alertList', channel: { surface: 'discord', channelId: '1' }, rules: [rule(1), rule(2)] },
  alertRemoved: { kind: 'alertRemoved', rule: rule(4) },
  report: { kind: 'report', report: { id: 1, reportDate: '2026-06-12', title: 'tickcast daily · 2026-06-12', tickers: ['AAPL', 'MSFT'], status: 'rendered', htmlPath: null, pdfPath: 'r.pdf', pages: 6, createdAt: at }, file: { name: 'tickcast-report-2026-06-12.pdf', bytes: new Uint8Array(10) }, reason: null },
  subscription: { kind: 'subscription', outcome: 'subscribed', target: { kind: 'discord', target: '1300000000000000777' }, tickers: null },
  modelStatus: { kind: 'modelStatus', champion: version, challenger: null, versions: 12, pending: [request], recentMoves: [move] },
  promotionRequested: { kind: 'promotionRequested', request },
  promoted: { kind: 'promoted', request: { ...request, state: 'approved', decidedBy: 'discord:user:2' }, move },
  promotionRejected: { kind: 'promotionRejected', request: { ...request, state: 'rejected', decidedBy: 'discord:user:2' } },
  rolledBack: { kind: 'rolledBack', move: { ...move, fromVersion: 'v12', toVersion: 'v11', reason: 'rollback' } },
  retrained: { kind: 'retrained', version: 'v13', becameChampion: false, seconds: 184.2, skill: row('lstm', 1.01), naive: row('naive', 1) },
  help: { kind: 'help', topic: null, commands: [{ usage: 'forecast TICKER [days]', summary: 'the next sessions', adminOnly: false, examples: ['forecast AAPL'] }] },
  error: { kind: 'error', code: 'unknown_ticker', message: 'no bars stored for ZZZZ', reference: null },
};

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
  it.each(Object.values(samples) as CommandResult[])('renders a $kind result with a title or fields, within the limits', (result) => {
    const embed = resultEmbed(result);
    expect(embed.title ?? embed.fields?.[0]?.name).toBeTruthy();
    withinLimits(embed);
  });

  it('shows the forecast as a table of median with change, 80% and 95% intervals, the no-edge line and the model', () => {
    const embed = resultEmbed(samples.forecast, { imageName: 'chart.png' });
    expect(embed.title).toBe('AAPL · 5-session forecast');
    expect(embed.description).toContain('Last close **190.00** on 2026-06-12');
    expect(embed.description).toMatch(/date\s+median\s+chg\s+80%\s+95%/);
    expect(embed.description).toMatch(/2026-06-15\s+190\.00\s+\+0\.0%\s+188\.00–192\.00\s+186\.00–194\.00/);
    expect(embed.description).toMatch(/2026-06-19\s+190\.40\s+\+0\.2%/);
    expect(embed.fields?.[0]?.value).toBe('No edge over tomorrow = today lately: showing the random-walk interval. no model has passed the gate yet');
    expect(embed.footer?.text).toBe('model naive · as of 2026-06-12');
    expect(embed.image).toEqual({ url: 'attachment://chart.png' });
  });

  it('states the edge with its figures when the model has one, and its drivers', () => {
    const embed = resultEmbed({ ...samples.forecast, forecast: sampleForecast({ edge: true, modelVersion: 'v12', skill: { ...sampleForecast().skill, mase: 0.93, hitRate: 0.55, hitRateLow: 0.51, hitRateHigh: 0.59 }, drivers: [{ input: 'ret_1', importance: 0.42 }] }) });
    expect(embed.fields?.[0]).toMatchObject({ name: 'Skill' });
    expect(embed.fields?.[0]?.value).toMatch(/^Edge over tomorrow = today: MASE 0\.93 \(below 1 beats it\) · direction 55% \[51%–59%\]/);
    expect(embed.fields?.[1]).toMatchObject({ name: 'Drivers', value: 'ret_1 0.42' });
    expect(embed.footer?.text).toBe('model v12 · as of 2026-06-12');
  });

  it('keeps a long alert list, a long help and a huge error message inside the limits, saying what was left out', () => {
    const list = resultEmbed({ ...samples.alertList, rules: Array.from({ length: 400 }, (_, i) => rule(i + 1)) });
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
