import type { AlertRule } from '../../../core/alerts.ts';
import type { Forecast } from '../../../core/forecast.ts';
import type { PromotionRequest } from '../../../core/governance.ts';
import type { AliasMove, EvaluationRow } from '../../../core/model.ts';
import type { CommandResult, ResultKind, ResultOf } from '../../../bot/results.ts';

/** One result of every kind, with plausible figures, for the Slack renderer tests. */

export function sampleForecast(overrides: Partial<Forecast> = {}): Forecast {
  const dates = ['2026-06-15', '2026-06-16', '2026-06-17', '2026-06-18', '2026-06-19'];
  const points = dates.map((date, i) => {
    const spread = 2 * Math.sqrt(i + 1);
    return { date, p025: 200 - 2 * spread, p10: 200 - spread, p50: 200 + 0.3 * (i + 1), p90: 200 + spread, p975: 200 + 2 * spread };
  });
  return {
    ticker: 'AAPL',
    asOf: '2026-06-12',
    horizon: 5,
    modelVersion: 'v3',
    lastClose: 199.5,
    points,
    modelPoints: points,
    skill: { mase: 0.97, u2: 0.98, hitRate: 0.523, hitRateLow: 0.49, hitRateHigh: 0.556, coverage80: 0.797, coverage95: 0.941, n: 250, window: '2025-06-13..2026-06-12 walk-forward, 1-day' },
    edge: true,
    edgeReason: 'MASE 0.97 < 1 and coverage within tolerance',
    drivers: [{ input: 'ret_1', importance: 0.42 }],
    ...overrides,
  };
}

const row = (model: string, mase: number): EvaluationRow => ({
  ticker: 'ALL', model, horizon: 1, mase, u2: mase, hitRate: 0.51, hitRateLow: 0.48, hitRateHigh: 0.54, coverage80: 0.8, coverage95: 0.95, n: 500, rmse: 2, mae: 1.5, winkler80: 9, winkler95: 12,
});

const rule: AlertRule = {
  id: 7, ticker: 'TSLA', condition: { kind: 'price_below', level: 200 }, channel: { surface: 'slack', channelId: 'C1' }, createdBy: 'slack:U1', createdAt: new Date('2026-06-12T10:00:00Z'), active: true, armed: true, lastEvaluatedAt: null,
};

const request: PromotionRequest = {
  id: 3, version: 'v4', requestedBy: 'slack:UADMIN1', requestedAt: new Date('2026-06-12T10:00:00Z'), state: 'pending', decidedBy: null, decidedAt: null,
  comparison: { candidate: row('lstm', 0.95), champion: row('lstm', 0.98), naive: row('naive', 1), championVersion: 'v3', gate: { passed: true, checks: [{ name: 'MASE', passed: true, detail: '0.95 ≤ 0.98' }] } },
};

const move: AliasMove = { alias: 'champion', fromVersion: 'v3', toVersion: 'v4', reason: 'request 3', at: new Date('2026-06-12T11:00:00Z'), by: 'slack:UADMIN2' };

const summary = { version: 'v3', createdAt: new Date('2026-06-01T00:00:00Z'), trainFrom: new Date('2016-01-04T00:00:00Z'), trainTo: new Date('2026-05-29T00:00:00Z'), skill: row('lstm', 0.98), naive: row('naive', 1) };

export const SAMPLE_RESULTS: { [K in ResultKind]: ResultOf<K> } = {
  forecast: { kind: 'forecast', forecast: sampleForecast(), history: [{ date: '2026-06-11', close: 198 }, { date: '2026-06-12', close: 199.5 }] },
  price: { kind: 'price', ticker: 'AAPL', asOf: '2026-06-12', close: 199.5, change1d: 0.012, change5d: -0.003, high52w: 260.1, low52w: 164.08, qualityNote: null, history: [{ date: '2026-06-12', close: 199.5 }] },
  alertCreated: { kind: 'alertCreated', rule, observation: { holds: false, asOf: '2026-06-12', value: 310.2, detail: 'last close 310.20' } },
  alertList: { kind: 'alertList', channel: { surface: 'slack', channelId: 'C1' }, rules: [rule, { ...rule, id: 8, condition: { kind: 'forecast_prob', side: 'below', level: 200, within: 5, probability: 0.3 } }] },
  alertRemoved: { kind: 'alertRemoved', rule },
  report: { kind: 'report', report: { id: 1, reportDate: '2026-06-12', title: 'tickcast daily', tickers: ['AAPL', 'MSFT'], status: 'rendered', htmlPath: null, pdfPath: 'r.pdf', pages: 4, createdAt: new Date('2026-06-12T06:00:00Z') }, file: { name: 'tickcast-2026-06-12.pdf', bytes: new Uint8Array([37, 80, 68, 70]) }, reason: null },
  subscription: { kind: 'subscription', outcome: 'subscribed', target: { kind: 'slack', target: 'C1' }, tickers: null },
  modelStatus: { kind: 'modelStatus', champion: summary, challenger: null, versions: 3, pending: [request], recentMoves: [move] },
  promotionRequested: { kind: 'promotionRequested', request },
  promoted: { kind: 'promoted', request: { ...request, state: 'approved', decidedBy: 'slack:UADMIN2' }, move },
  promotionRejected: { kind: 'promotionRejected', request: { ...request, state: 'rejected', decidedBy: 'slack:UADMIN2' } },
  rolledBack: { kind: 'rolledBack', move: { ...move, fromVersion: 'v4', toVersion: 'v3' } },
  retrained: { kind: 'retrained', version: 'v5', becameChampion: false, seconds: 312.4, skill: row('lstm', 1.01), naive: row('naive', 1) },
  help: { kind: 'help', topic: null, commands: [{ usage: 'forecast TICKER [days]', summary: 'the next sessions', adminOnly: false, examples: ['forecast AAPL'] }] },
  error: { kind: 'error', code: 'unknown_ticker', message: 'no bars stored for ZZZZ; load them first', reference: null },
};

export const ALL_RESULTS: CommandResult[] = Object.values(SAMPLE_RESULTS);
