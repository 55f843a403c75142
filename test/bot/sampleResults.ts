import type { CommandResult, ResultKind, ResultOf } from '../../bot/results.ts';
import type { PromotionRequest } from '../../core/governance.ts';
import type { AliasMove } from '../../core/model.ts';
import { evaluationRow, sampleForecast, sampleHistory, sampleRule } from '../support/samples.ts';

/** One result of every kind, with plausible figures, for the renderer tests of every surface. */

const request: PromotionRequest = {
  id: 3, version: 'v4', requestedBy: 'slack:UADMIN1', requestedAt: new Date('2026-06-12T10:00:00Z'), state: 'pending', decidedBy: null, decidedAt: null,
  comparison: { candidate: evaluationRow('lstm', 0.95), champion: evaluationRow('lstm', 0.98), naive: evaluationRow('naive', 1), championVersion: 'v3', gate: { passed: true, checks: [{ name: 'MASE', passed: true, detail: '0.95 ≤ 0.98' }] } },
};

const move: AliasMove = { alias: 'champion', fromVersion: 'v3', toVersion: 'v4', reason: 'request 3', at: new Date('2026-06-12T11:00:00Z'), by: 'slack:UADMIN2' };

const summary = { version: 'v3', createdAt: new Date('2026-06-01T00:00:00Z'), trainFrom: new Date('2016-01-04T00:00:00Z'), trainTo: new Date('2026-05-29T00:00:00Z'), skill: evaluationRow('lstm', 0.98), naive: evaluationRow('naive', 1) };

const sampleJob = {
  name: 'retrain' as const, summary: 'train a new version', schedule: '0 6 * * 6', nextRunAt: new Date('2026-06-13T10:00:00Z'), waiting: 0, running: 0,
  lastRun: { state: 'failed' as const, startedAt: new Date('2026-06-06T10:00:00Z'), finishedAt: new Date('2026-06-06T10:04:00Z'), error: 'no data', worker: 'w:1', trigger: 'schedule', summary: null },
  lastSuccessAt: new Date('2026-05-30T10:05:00Z'),
};

/** Keyed by kind: a kind added to the union and not here fails to compile. */
export const SAMPLE_RESULTS: { [K in ResultKind]: ResultOf<K> } = {
  forecast: { kind: 'forecast', forecast: sampleForecast(), history: sampleHistory },
  price: { kind: 'price', ticker: 'AAPL', asOf: '2026-06-12', close: 199.5, change1d: 0.012, change5d: -0.031, high52w: 260.1, low52w: 164.08, qualityNote: 'a gap on 2026-06-03', history: sampleHistory },
  alertCreated: { kind: 'alertCreated', rule: sampleRule, observation: { holds: false, asOf: '2026-06-12', value: 310.2, detail: 'last close 310.20' } },
  alertList: { kind: 'alertList', channel: { surface: 'slack', channelId: 'C1' }, rules: [sampleRule, { ...sampleRule, id: 8, armed: false, condition: { kind: 'forecast_prob', side: 'below', level: 200, within: 5, probability: 0.3 } }] },
  alertRemoved: { kind: 'alertRemoved', rule: sampleRule },
  report: { kind: 'report', report: { id: 1, reportDate: '2026-06-12', title: 'tickcast daily', tickers: ['AAPL', 'MSFT'], status: 'rendered', htmlPath: null, pdfPath: 'r.pdf', pages: 4, createdAt: new Date('2026-06-12T06:00:00Z') }, file: { name: 'tickcast-2026-06-12.pdf', bytes: new Uint8Array([37, 80, 68, 70]) }, reason: null },
  subscription: { kind: 'subscription', outcome: 'subscribed', target: { kind: 'slack', target: 'C1' }, tickers: null },
  modelStatus: { kind: 'modelStatus', champion: summary, challenger: null, versions: 3, pending: [request], recentMoves: [move], jobs: [sampleJob] },
  promotionRequested: { kind: 'promotionRequested', request },
  promoted: { kind: 'promoted', request: { ...request, state: 'approved', decidedBy: 'slack:UADMIN2' }, move },
  promotionRejected: { kind: 'promotionRejected', request: { ...request, state: 'rejected', decidedBy: 'slack:UADMIN2' } },
  rolledBack: { kind: 'rolledBack', move: { ...move, fromVersion: 'v4', toVersion: 'v3' } },
  retrained: { kind: 'retrained', version: 'v5', becameChampion: false, seconds: 312.4, skill: evaluationRow('lstm', 1.01), naive: evaluationRow('naive', 1) },
  help: { kind: 'help', topic: null, commands: [{ usage: 'forecast TICKER [days]', summary: 'the next sessions', adminOnly: false, examples: ['forecast AAPL'] }] },
  error: { kind: 'error', code: 'unknown_ticker', message: 'no bars stored for ZZZZ; load them first', reference: null },
};

export const ALL_RESULTS: CommandResult[] = Object.values(SAMPLE_RESULTS);
