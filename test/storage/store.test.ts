import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../core/alerts.ts';
import type { Bar } from '../../core/bars.ts';
import type { Repos } from '../../core/ports.ts';
import type { Finding } from '../../core/quality.ts';
import { createStore } from '../../storage/store.ts';
import { ENGINES, useTestDatabase } from '../support/engines.ts';

const bar = (iso: string, close: number): Bar => ({ ts: new Date(`${iso}T00:00:00Z`), open: close, high: close, low: close, close, adjClose: close, volume: 0 });
const finding = (kind: Finding['kind'], severity: Finding['severity'], iso: string | null): Finding => ({
  ticker: 'QQQ', interval: '1d', ts: iso ? new Date(`${iso}T00:00:00Z`) : null, kind, severity, detail: `${kind} here`,
});

describe.each(ENGINES)('store on $name', (engine) => {
  const db = useTestDatabase(engine);

  it('records an ingestion run from start to success, newest first', async () => {
    const store = createStore(db().db);
    const first = await store.runs.start({ ticker: 'RUN', interval: '1d', source: 'csv:RUN.csv' });
    await store.runs.succeed(first, { rangeFrom: new Date('2024-01-02'), rangeTo: new Date('2024-01-03'), rowsRead: 2, rowsAdded: 2, rowsUpdated: 0, checksum: 'abc' });
    const second = await store.runs.start({ ticker: 'RUN', interval: '1d', source: 'yahoo' });
    await store.runs.fail(second, 'Yahoo could not be reached');
    const runs = await store.runs.list({ ticker: 'RUN' });
    expect(runs.map((r) => [r.id, r.status, r.error])).toEqual([[second, 'failed', 'Yahoo could not be reached'], [first, 'succeeded', null]]);
    expect(runs[1]).toMatchObject({ source: 'csv:RUN.csv', rowsAdded: 2, checksum: 'abc' });
    expect(runs[1]!.finishedAt).toBeInstanceOf(Date);
    expect((await store.runs.latestSucceeded('RUN', '1d'))?.id).toBe(first);
    expect(await store.runs.latestSucceeded('RUN', '1h')).toBeNull();
  });

  it('replaces findings with the latest verdict and sets publishability from it', async () => {
    const store = createStore(db().db);
    await store.prices.ensureInstrument({ ticker: 'QQQ' });
    await store.quality.replaceFindings('QQQ', '1d', null, [finding('high_below_low', 'blocking', '2024-01-02'), finding('stale_series', 'warning', null)], 'high below low on 2024-01-02');
    expect(await store.quality.publishability('QQQ')).toEqual([{ ticker: 'QQQ', publishable: false, reason: 'high below low on 2024-01-02' }]);
    const stored = await store.quality.listFindings({ ticker: 'QQQ' });
    expect(stored.map((f) => f.kind).sort()).toEqual(['high_below_low', 'stale_series']);
    expect(stored.find((f) => f.kind === 'stale_series')?.ts).toBeNull();

    await store.quality.replaceFindings('QQQ', '1d', null, [finding('missing_session', 'warning', '2024-01-03')], null);
    expect((await store.quality.listFindings({ ticker: 'QQQ' })).map((f) => f.kind)).toEqual(['missing_session']);
    expect(await store.quality.publishability('QQQ')).toEqual([{ ticker: 'QQQ', publishable: true, reason: null }]);
  });

  it('rolls back bars, run and findings together when the unit of work fails', async () => {
    const store = createStore(db().db);
    const runId = await store.runs.start({ ticker: 'ATOM', interval: '1d', source: 'test' });
    await expect(
      store.transaction(async (repos) => {
        await repos.prices.upsertBars('ATOM', '1d', [bar('2024-01-02', 1), bar('2024-01-03', 2)], runId);
        await repos.runs.succeed(runId, { rangeFrom: null, rangeTo: null, rowsRead: 2, rowsAdded: 2, rowsUpdated: 0, checksum: 'x' });
        await repos.quality.replaceFindings('ATOM', '1d', runId, [finding('stale_series', 'warning', null)], null);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await store.prices.countBars('ATOM')).toBe(0);
    expect(await store.quality.listFindings({ ticker: 'ATOM' })).toEqual([]);
    expect((await store.runs.list({ ticker: 'ATOM' }))[0]?.status).toBe('running');
  });

  it('fires an alert as one unit of work: disarm, event and outbox message commit or roll back together', async () => {
    const store = createStore(db().db);
    const channel = { surface: 'slack', channelId: 'C-UOW' } as const;
    const rule = await store.alerts.create({ ticker: 'UOW', condition: { kind: 'price_above', level: 10 }, channel, createdBy: 'slack:U1', armed: true });
    const fire = (repos: Repos) => async (): Promise<AlertEvent | null> => {
      if (!(await repos.alerts.disarm(rule.id, new Date()))) return null;
      const event = await repos.alerts.recordEvent({ ruleId: rule.id, ticker: 'UOW', condition: rule.condition, channel, asOf: '2026-06-12', value: 11, detail: 'up', dedupeKey: `uow:${rule.id}` });
      if (event) await repos.outbox.enqueue({ channel, body: { kind: 'alert', event }, dedupeKey: `alert:${event.id}` });
      return event;
    };
    await expect(store.transaction(async (repos) => { await fire(repos)(); throw new Error('crashed before commit'); })).rejects.toThrow('crashed before commit');
    expect((await store.alerts.find(rule.id))?.armed).toBe(true);
    expect(await store.alerts.events({ ruleId: rule.id })).toEqual([]);
    expect((await store.outbox.list()).filter((m) => m.channel.channelId === 'C-UOW')).toEqual([]);

    const event = await store.transaction((repos) => fire(repos)());
    expect(event).not.toBeNull();
    expect((await store.alerts.find(rule.id))?.armed).toBe(false);
    expect((await store.outbox.list()).filter((m) => m.channel.channelId === 'C-UOW').map((m) => m.body)).toEqual([{ kind: 'alert', event }]);
  });
});
