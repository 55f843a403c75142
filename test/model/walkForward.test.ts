import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_CONFIG } from '../../model/modelConfig.ts';
import type { NetworkFactory } from '../../model/network.ts';
import { loadTensorflow } from '../../model/tf/backend.ts';
import { createTfNetworkFactory } from '../../model/tf/tfNetworkFactory.ts';
import { walkForward, type WalkForwardResult } from '../../model/walkForward.ts';
import { sharedFrame } from '../support/modelFrames.ts';

const config = { ...DEFAULT_MODEL_CONFIG, windowLength: 10, hidden: 6, epochs: 2, horizons: 3, calibrationSessions: 60 };
const frames = [sharedFrame('KO', { from: '2012-01-01', to: '2019-12-31' }), sharedFrame('XOM', { from: '2012-01-01', to: '2019-12-31' })];
let factory: NetworkFactory;
let result: WalkForwardResult;

beforeAll(async () => {
  factory = createTfNetworkFactory(await loadTensorflow());
  result = await walkForward(frames, config, { from: '2019-01-02', to: '2019-06-28', retrainEvery: 40, factory });
});

describe('walkForward', () => {
  it('refits before every block, each time on data that ends before the block starts', () => {
    // 124 sessions in 2019H1, in blocks of 40.
    expect(result.blocks.map((b) => b.block)).toEqual([1, 2, 3, 4]);
    for (const block of result.blocks) {
      expect(block.trainTo < block.from).toBe(true);
      expect(block.fit?.epochsRun).toBeGreaterThan(0);
    }
    expect(result.blocks[1]!.from > result.blocks[0]!.to).toBe(true);
    expect(result.from).toBe('2019-01-02');
    expect(result.to).toBe('2019-06-28');
  });

  it('scores the model beside every baseline per ticker, horizon and pooled', () => {
    const keys = new Set(result.rows.map((row) => `${row.ticker}/${row.model}/${row.horizon}`));
    for (const ticker of ['KO', 'XOM', 'ALL']) {
      for (const model of ['lstm', 'naive', 'drift', 'sma', 'mean']) for (const h of [1, 2, 3]) expect(keys.has(`${ticker}/${model}/${h}`)).toBe(true);
    }
    expect(result.rows).toHaveLength(3 * 5 * 3);
    const ko = result.rows.find((row) => row.ticker === 'KO' && row.model === 'lstm' && row.horizon === 1)!;
    expect(ko.n).toBe(124);
  });

  it('gives the random walk MASE and U2 of exactly 1 and judges every model on the same origins', () => {
    for (const row of result.rows.filter((r) => r.model === 'naive')) {
      expect(row.mase).toBe(1);
      expect(row.u2).toBe(1);
    }
    const n = (model: string) => result.rows.find((r) => r.ticker === 'ALL' && r.model === model && r.horizon === 2)!.n;
    expect(new Set(['lstm', 'naive', 'drift', 'sma', 'mean'].map(n)).size).toBe(1);
  });
});
