import type * as tfjs from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTensorflow, type Tf } from '../../../model/tf/backend.ts';
import { fastTanh } from '../../../model/tf/lstmCellKernels.ts';
import { lstmLastState, lstmLastStateTrainable } from '../../../model/tf/lstmSequence.ts';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTensorflow()).tf;
});

/** The textbook LSTM in plain ops, differentiated by tfjs's autodiff: the reference for the hand-written backward. */
function autodiffLstm(x: tfjs.Tensor2D, steps: number, kernel: tfjs.Tensor2D, recurrent: tfjs.Tensor2D, bias: tfjs.Tensor1D): tfjs.Tensor2D {
  const hidden = recurrent.shape[0];
  const batch = x.shape[0] / steps;
  const inputs = tf.split(x, steps, 0);
  let h: tfjs.Tensor2D = tf.zeros([batch, hidden]);
  let c: tfjs.Tensor2D = tf.zeros([batch, hidden]);
  for (const input of inputs) {
    const z = tf.add(tf.add(tf.matMul(input, kernel), tf.matMul(h, recurrent)), bias);
    const gate = (k: number): tfjs.Tensor2D => tf.slice(z as tfjs.Tensor2D, [0, k * hidden], [batch, hidden]);
    c = tf.add(tf.mul(tf.sigmoid(gate(1)), c), tf.mul(tf.sigmoid(gate(0)), tf.tanh(gate(3))));
    h = tf.mul(tf.sigmoid(gate(2)), tf.tanh(c));
  }
  return h;
}

function maxAbsDiff(a: tfjs.Tensor, b: tfjs.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0] as number);
}

describe.each(['wasm', 'cpu'])('custom LSTM on %s', (backendName) => {
  it.each([true, false])('fused cell %s: forward and gradients match autodiff', async (fused) => {
    expect(await tf.setBackend(backendName)).toBe(true);
    tf.tidy(() => {
      const [steps, batch, inputs, hidden] = [7, 3, 4, 5];
      const x = tf.randomNormal([steps * batch, inputs], 0, 1, 'float32', 1) as tfjs.Tensor2D;
      const kernel = tf.randomNormal([inputs, 4 * hidden], 0, 0.6, 'float32', 2) as tfjs.Tensor2D;
      const recurrent = tf.randomNormal([hidden, 4 * hidden], 0, 0.6, 'float32', 3) as tfjs.Tensor2D;
      const bias = tf.randomNormal([4 * hidden], 0, 0.6, 'float32', 4) as tfjs.Tensor1D;
      const projection = tf.randomNormal([batch, hidden], 0, 1, 'float32', 5);
      const lossOf = (run: (x: tfjs.Tensor2D, k: tfjs.Tensor2D, r: tfjs.Tensor2D, b: tfjs.Tensor1D) => tfjs.Tensor2D) =>
        tf.grads((...args: tfjs.Tensor[]) => {
          const [xa, ka, ra, ba] = args as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor1D];
          return tf.sum(tf.mul(run(xa, ka, ra, ba), projection));
        })([x, kernel, recurrent, bias]);
      const expected = lossOf((xa, ka, ra, ba) => autodiffLstm(xa, steps, ka, ra, ba));
      const actual = lossOf((xa, ka, ra, ba) => lstmLastStateTrainable(tf, xa, steps, { kernel: ka, recurrent: ra, bias: ba }, fused));
      expected.forEach((gradient, k) => expect(maxAbsDiff(gradient, actual[k] as tfjs.Tensor)).toBeLessThan(1e-4));
      const forward = lstmLastState(tf, x, steps, { kernel, recurrent, bias }, fused);
      expect(maxAbsDiff(forward, autodiffLstm(x, steps, kernel, recurrent, bias))).toBeLessThan(1e-5);
    });
    await tf.setBackend('wasm');
  });
});

describe('fastTanh', () => {
  it('is within 3e-7 of Math.tanh', () => {
    let worst = 0;
    for (let x = -12; x <= 12; x += 0.001) worst = Math.max(worst, Math.abs(fastTanh(x) - Math.tanh(x)));
    expect(worst).toBeLessThan(3e-7);
  });
});
