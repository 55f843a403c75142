import { describe, expect, it } from 'vitest';
import type { StoredSignal } from '../../core/model.ts';
import { instanceKey, jobSpec, JOBS } from '../../scheduler/jobCatalog.ts';
import { newYorkDate, newYorkHour, newYorkWeek, notDueReason } from '../../scheduler/marketClock.ts';
import { retrainReasons } from '../../scheduler/retrainReasons.ts';

describe('when a job is due, by the NYSE calendar in New York time', () => {
  it('rules out weekends, holidays and hours outside the session (early closes included)', () => {
    expect(notDueReason('session-day', new Date('2026-11-20T21:30:00Z'))).toBeNull();
    expect(notDueReason('session-day', new Date('2026-11-21T21:30:00Z'))).toBe('NYSE is closed on 2026-11-21 (weekend)');
    expect(notDueReason('session-day', new Date('2026-12-25T12:00:00Z'))).toBe('NYSE is closed on 2026-12-25 (Christmas Day)');
    expect(notDueReason('any', new Date('2026-12-25T12:00:00Z'))).toBeNull();
    // 10:05 New York on a Friday in winter (EST, UTC-5) is in the session; 09:05 is not.
    expect(notDueReason('market-hours', new Date('2026-11-20T15:05:00Z'))).toBeNull();
    expect(notDueReason('market-hours', new Date('2026-11-20T14:05:00Z'))).toMatch(/09:05 New York is outside the session \(09:30-16:00\)/);
    // The day after Thanksgiving closes at 13:00: 14:05 is past it (and past the grace for the last bar).
    expect(notDueReason('market-hours', new Date('2026-11-27T19:05:00Z'))).toMatch(/outside the session \(09:30-13:00\)/);
    expect(notDueReason('market-hours', new Date('2026-11-27T18:05:00Z'))).toBeNull();
    // Summer time: 16:05 New York is 20:05 UTC in July.
    expect(notDueReason('market-hours', new Date('2026-07-15T20:05:00Z'))).toBeNull();
    expect(notDueReason('market-hours', new Date('2026-07-15T20:30:00Z'))).toMatch(/outside the session/);
  });

  it('names days, hours and ISO weeks in New York time', () => {
    // 02:00 UTC on Saturday is still Friday evening in New York.
    expect(newYorkDate(new Date('2026-11-21T02:00:00Z'))).toBe('2026-11-20');
    expect(newYorkHour(new Date('2026-11-20T15:59:00Z'))).toBe('2026-11-20T10');
    expect(newYorkWeek(new Date('2026-11-20T15:00:00Z'))).toBe('2026-W47');
    expect(newYorkWeek(new Date('2021-01-03T15:00:00Z'))).toBe('2020-W53');
    expect(newYorkWeek(new Date('2021-01-04T15:00:00Z'))).toBe('2021-W01');
  });
});

describe('job instances', () => {
  const at = new Date('2026-11-20T22:00:00Z');
  it('makes the scheduled and the chained run of a day one instance, and a person\'s run its own', () => {
    const forecast = jobSpec('forecast-daily')!;
    expect(instanceKey(forecast, at, { trigger: 'schedule' }, 'a1')).toBe('forecast-daily:2026-11-20');
    expect(instanceKey(forecast, at, { trigger: 'chained' }, 'b2')).toBe('forecast-daily:2026-11-20');
    expect(instanceKey(forecast, at, { trigger: 'manual' }, 'c3')).toBe('forecast-daily:manual:c3');
    expect(instanceKey(jobSpec('ingest-intraday')!, at, {}, 'd4')).toBe('ingest-intraday:2026-11-20T17');
    expect(instanceKey(jobSpec('retrain')!, at, { trigger: 'schedule' }, 'e5')).toBe('retrain:2026-W47');
    expect(instanceKey(jobSpec('retrain')!, at, { trigger: 'signal' }, 'f6')).toBe('retrain:signal:2026-W47');
    expect(instanceKey(jobSpec('retrain')!, at, { trigger: 'chat' }, 'g7')).toBe('retrain:chat:g7');
  });

  it('has every job name once, each with a schedule setting or on demand', () => {
    expect(new Set(JOBS.map((job) => job.name)).size).toBe(JOBS.length);
    expect(jobSpec('nope')).toBeUndefined();
  });
});

describe('retrain signals', () => {
  const signal = (kind: StoredSignal['kind'], ticker: string, asOf: string, value: Record<string, unknown>): StoredSignal => ({ kind, ticker, asOf, value, version: 'v3', createdAt: new Date() });
  const thresholds = { driftPsi: 0.25, coverageGap: 0.1 };

  it('asks for a retrain on the newest drift or calibration signal of a ticker that crossed its threshold', () => {
    const reasons = retrainReasons([
      signal('drift', 'AAPL', '2026-11-19', { worst: { input: 'ret_1', psi: 0.4 } }),
      signal('drift', 'AAPL', '2026-11-20', { worst: { input: 'ret_1', psi: 0.1 } }),
      signal('drift', 'MSFT', '2026-11-20', { worst: { input: 'vol_level', psi: 0.31 } }),
      signal('calibration', 'KO', '2026-11-20', { n: 40, coverage80: 0.62 }),
      signal('calibration', 'XOM', '2026-11-20', { n: 10, coverage80: 0.3 }),
      signal('calibration', 'JPM', '2026-11-20', { n: 60, coverage80: 0.85 }),
      signal('anomaly', 'TSLA', '2026-11-20', { score: 9, flagged: true }),
    ], thresholds);
    expect(reasons).toEqual([
      'KO: 80% intervals covered 62% of 40 outcomes as of 2026-11-20',
      'MSFT: input drift on vol_level (PSI 0.31 ≥ 0.25) as of 2026-11-20',
    ]);
    expect(retrainReasons([], thresholds)).toEqual([]);
  });
});
