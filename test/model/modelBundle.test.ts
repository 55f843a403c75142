import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelBundle } from '../../core/model.ts';
import { UserError } from '../../core/errors.ts';
import { restoreModel, toBundle } from '../../model/modelBundle.ts';
import { DEFAULT_MODEL_CONFIG } from '../../model/modelConfig.ts';
import { MODEL_INPUTS } from '../../model/modelInputs.ts';
import type { NetworkFactory } from '../../model/network.ts';
import { loadTensorflow } from '../../model/tf/backend.ts';
import { createTfNetworkFactory } from '../../model/tf/tfNetworkFactory.ts';
import { trainModel, type TrainedModel } from '../../model/trainModel.ts';
import { sharedFrame } from '../support/modelFrames.ts';

const frame = sharedFrame('KO', { from: '2015-01-01', to: '2020-12-31' });
const config = { ...DEFAULT_MODEL_CONFIG, windowLength: 10, hidden: 6, epochs: 2, calibrationSessions: 60 };
let factory: NetworkFactory;
let trained: TrainedModel;
let bundle: ModelBundle;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).code;
  }
  return undefined;
}

beforeAll(async () => {
  factory = createTfNetworkFactory(await loadTensorflow());
  trained = await trainModel([frame], config, { trainTo: '2020-06-30', factory });
  bundle = toBundle(trained, {
    metrics: null, reference: [], dataSnapshot: [], backend: factory.backend, codeVersion: 'test',
    trainFrom: new Date('2015-01-01'), trainTo: new Date('2020-06-30'),
  });
});
afterAll(() => trained.model.dispose());

describe('model bundles', () => {
  it('restore to a model that predicts exactly what the trained one did', () => {
    const origins = [{ frame, origin: frame.rows - 1 }, { frame, origin: frame.rows - 50 }];
    // The JSON round trip is what the jsonb columns do to scaler, params and calibration.
    const stored = { ...(JSON.parse(JSON.stringify({ ...bundle, weights: null })) as ModelBundle), weights: bundle.weights };
    const restored = restoreModel('v1', stored, factory);
    try {
      expect(Array.from(restored.predictReturns(origins))).toEqual(Array.from(trained.model.predictReturns(origins)));
    } finally {
      restored.dispose();
    }
  });

  it('refuse a feature list that differs from the one this code computes, naming the difference', () => {
    const renamed = { ...bundle, featureList: [...MODEL_INPUTS.slice(0, -1), 'volume_z_50'] };
    expect(codeOf(() => restoreModel('v7', renamed, factory))).toBe('feature_mismatch');
    expect(() => restoreModel('v7', renamed, factory)).toThrow(/v7 .*volume_z_20.*volume_z_50/);
    const reordered = { ...bundle, featureList: [...MODEL_INPUTS].reverse() };
    expect(() => restoreModel('v7', reordered, factory)).toThrow(/another order/);
  });

  it('refuse corrupt parameters, scalers and weights with a clear error', () => {
    expect(codeOf(() => restoreModel('v2', { ...bundle, params: { format: 1 } }, factory))).toBe('model_bundle_corrupt');
    expect(codeOf(() => restoreModel('v2', { ...bundle, scaler: { mean: [1], std: [1], clip: 5 } }, factory))).toBe('model_bundle_corrupt');
    expect(codeOf(() => restoreModel('v2', { ...bundle, weights: bundle.weights.subarray(0, bundle.weights.length - 7) }, factory))).toBe('model_bundle_corrupt');
    const garbled = Uint8Array.from(bundle.weights);
    garbled.fill(0x41, 0, 16);
    expect(codeOf(() => restoreModel('v2', { ...bundle, weights: garbled }, factory))).toBe('model_bundle_corrupt');
    const wider = { ...bundle, params: { ...bundle.params, config: { ...config, hidden: 7 } } };
    expect(codeOf(() => restoreModel('v2', wider, factory))).toBe('model_bundle_corrupt');
  });

  it('refuse another kind of model', () => {
    expect(codeOf(() => restoreModel('v3', { ...bundle, kind: 'prophet' }, factory))).toBe('model_bundle_incompatible');
  });
});
