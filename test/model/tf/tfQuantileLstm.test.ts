import { beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../core/errors.ts';
import type { NetworkFactory, NetworkSpec, SampleSet } from '../../../model/network.ts';
import { loadTensorflow, type TfRuntime } from '../../../model/tf/backend.ts';
import { normal, seededRandom } from '../../../model/seededRandom.ts';
import { createTfNetworkFactory } from '../../../model/tf/tfNetworkFactory.ts';
import { encodeWeights, weightShapes } from '../../../model/tf/weightCodec.ts';

const spec: NetworkSpec = { windowLength: 5, inputCount: 2, hidden: 8, targetCount: 1, quantiles: [0.1, 0.5, 0.9] };
const fitDefaults = { epochs: 3, batchSize: 32, learningRate: 0.01, seed: 3, patience: 10 };

let runtime: TfRuntime;
let factory: NetworkFactory;
beforeAll(async () => {
  runtime = await loadTensorflow();
  factory = createTfNetworkFactory(runtime);
});

/** y = x[last step, input 0] + N(0, 0.5²): the q0.1..q0.9 band should cover ~80% of fresh samples. */
function synthetic(count: number, seed: number, s: NetworkSpec = spec): SampleSet {
  const random = seededRandom(seed);
  const x = Float32Array.from({ length: count * s.windowLength * s.inputCount }, () => 2 * random() - 1);
  const y = new Float32Array(count * s.targetCount);
  for (let n = 0; n < count; n++) {
    const signal = x[(n * s.windowLength + s.windowLength - 1) * s.inputCount] as number;
    for (let k = 0; k < s.targetCount; k++) y[n * s.targetCount + k] = signal + 0.5 * normal(random);
  }
  return { count, x, y };
}

function expectCorrupt(bytes: Uint8Array, why: RegExp, s: NetworkSpec = spec): void {
  let error: unknown;
  try {
    factory.restore(s, bytes);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(UserError);
  expect(error).toMatchObject({ code: 'model_bundle_corrupt' });
  expect((error as Error).message).toMatch(why);
}

describe('TfQuantileLstm', () => {
  it('learns a noisy signal: loss falls and the 10–90% band covers about 80% of held-out samples', async () => {
    const net = factory.create(spec, 11);
    const losses: number[] = [];
    const result = await net.fit(synthetic(2000, 1), {
      ...fitDefaults,
      epochs: 25,
      batchSize: 64,
      validation: synthetic(500, 2),
      onEpoch: (r) => losses.push(r.valLoss ?? NaN),
    });
    expect(result.epochsRun).toBeGreaterThan(3);
    expect(result.samplesPerSecond).toBeGreaterThan(0);
    expect(Math.min(...losses)).toBeLessThan((losses[0] as number) * 0.9);
    const heldOut = synthetic(2000, 3);
    const quantiles = net.predict(heldOut.x, heldOut.count);
    let covered = 0;
    for (let n = 0; n < heldOut.count; n++) {
      const y = heldOut.y[n] as number;
      if (y >= (quantiles[n * 3] as number) && y <= (quantiles[n * 3 + 2] as number)) covered++;
    }
    expect(covered / heldOut.count).toBeGreaterThan(0.75);
    expect(covered / heldOut.count).toBeLessThan(0.85);
    net.dispose();
  });

  it('is deterministic for a seed', async () => {
    const data = synthetic(300, 4);
    const fitted = async (seed: number): Promise<Uint8Array> => {
      const net = factory.create(spec, seed);
      await net.fit(data, { ...fitDefaults, seed });
      const bytes = net.weights();
      net.dispose();
      return bytes;
    };
    const first = await fitted(5);
    expect(await fitted(5)).toEqual(first);
    expect(await fitted(6)).not.toEqual(first);
  });

  it('stops early and keeps the best epoch’s weights', async () => {
    // Training pulls every output towards 1 while validation wants 0: validation loss is best after epoch 1.
    const train = { ...synthetic(256, 5), y: new Float32Array(256).fill(1) };
    const validation = { ...synthetic(64, 6), y: new Float32Array(64).fill(0) };
    const net = factory.create(spec, 7);
    let bestWeights: Uint8Array | null = null;
    const result = await net.fit(train, {
      ...fitDefaults,
      epochs: 50,
      patience: 2,
      validation,
      onEpoch: (r) => {
        if (r.best) bestWeights = net.weights();
      },
    });
    expect(result.bestEpoch).toBe(1);
    expect(result.epochsRun).toBe(3);
    expect(net.weights()).toEqual(bestWeights);
    net.dispose();
  });

  it('stops between batches when aborted', async () => {
    const controller = new AbortController();
    const net = factory.create(spec, 8);
    const fit = net.fit(synthetic(256, 7), { ...fitDefaults, epochs: 5, signal: controller.signal, onEpoch: () => controller.abort(new Error('stop now')) });
    await expect(fit).rejects.toThrow('stop now');
    net.dispose();
  });

  it('round-trips its weights exactly', async () => {
    const net = factory.create(spec, 9);
    await net.fit(synthetic(128, 8), { ...fitDefaults, epochs: 1 });
    const bytes = net.weights();
    const restored = factory.restore(spec, bytes);
    expect(restored.weights()).toEqual(bytes);
    const x = synthetic(20, 9).x;
    expect(restored.predict(x, 20)).toEqual(net.predict(x, 20));
    net.dispose();
    restored.dispose();
  });

  it('refuses truncated, garbled, mismatched and non-finite weights with model_bundle_corrupt', () => {
    const net = factory.create(spec, 10);
    const bytes = net.weights();
    net.dispose();
    expectCorrupt(new Uint8Array(0), /truncated/);
    expectCorrupt(bytes.slice(0, bytes.length - 9), /checksum|truncated/);
    const garbled = bytes.slice();
    const middle = Math.floor(garbled.length / 2);
    garbled[middle] = (garbled[middle] as number) ^ 0xff;
    expectCorrupt(garbled, /checksum/);
    const badMagic = bytes.slice();
    badMagic[0] = 0;
    expectCorrupt(badMagic, /bad magic/);
    expectCorrupt(bytes, /built for window\/inputs\/hidden\/targets\/levels 5\/2\/8\/1\/3, the spec asks for 5\/2\/16\/1\/3/, { ...spec, hidden: 16 });
    expectCorrupt(bytes, /quantile levels differ/, { ...spec, quantiles: [0.2, 0.5, 0.9] });
    const nan = encodeWeights(spec, weightShapes(spec).map((s) => ({ ...s, values: new Float32Array(s.shape.reduce((a, b) => a * b, 1)).fill(NaN) })));
    expectCorrupt(nan, /non-finite/);
  });

  it('keeps tf.memory().numTensors flat across 200 predictions and across a fit', async () => {
    const { tf } = runtime;
    const net = factory.create(spec, 12);
    const x = synthetic(3, 10).x;
    net.predict(x, 3);
    const before = tf.memory().numTensors;
    for (let k = 0; k < 200; k++) net.predict(x, 3);
    expect(tf.memory().numTensors).toBe(before);
    await net.fit(synthetic(200, 11), { ...fitDefaults, epochs: 2, validation: synthetic(50, 12) });
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('predicts every target × level with levels ascending', () => {
    const wide: NetworkSpec = { ...spec, targetCount: 2, quantiles: [0.05, 0.5, 0.95] };
    const net = factory.create(wide, 13);
    const out = net.predict(synthetic(4, 13, wide).x, 4);
    expect(out.length).toBe(4 * 2 * 3);
    for (let at = 0; at < out.length; at += 3) expect(Array.from(out.subarray(at, at + 3))).toEqual(Array.from(out.subarray(at, at + 3)).sort((a, b) => a - b));
    expect(() => net.predict(new Float32Array(7), 1)).toThrow(UserError);
    net.dispose();
  });
});
