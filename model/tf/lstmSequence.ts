/**
 * An LSTM over a whole window returning the last hidden state, written for few op dispatches rather than with
 * tf.layers.lstm: on the single-threaded wasm backend the cost of an LSTM step is mostly per-op overhead, not
 * arithmetic. So:
 * - the input projections of all time steps are one matMul ([T·B, F] · [F, 4H]);
 * - a step is one matMul h·U plus the gate math fused into one kernel (lstmCellKernels.ts) where the backend has it,
 *   else a handful of ops (gates laid out [i, f, o, g], one sigmoid for all four);
 * - the backward pass is written by hand (tf.customGrad): everything that does not depend on the recurrence is
 *   computed for all steps at once, each step is ~6 ops, and the weight gradients are one matMul each after the loop.
 * Inputs are time-major: row t·B + b of `x` is step t of window b.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Tf } from './backend.ts';
import { hasFusedLstmCell, LSTM_CELL_BACKWARD, LSTM_CELL_FORWARD } from './lstmCellKernels.ts';

export interface LstmWeights {
  /** [F, 4H], gate columns [i, f, o, g]. */
  kernel: tfjs.Tensor2D;
  /** [H, 4H]. */
  recurrent: tfjs.Tensor2D;
  /** [4H]. */
  bias: tfjs.Tensor1D;
}

interface StepRecord {
  gates: tfjs.Tensor2D[];
  cells: tfjs.Tensor2D[];
  tanhCells: tfjs.Tensor2D[];
  hiddens: tfjs.Tensor2D[];
}

/**
 * The wasm backend's tanh is ~13× slower than its sigmoid (3.6 ms vs 0.28 ms for 131k values), so every tanh here is
 * 2σ(2x) − 1. For the candidate gate the factor 2 is folded into its weight columns (see `scaleCandidate`), so one
 * sigmoid over all four gates gives [i, f, o, ĝ] with g = 2ĝ − 1.
 */
function runSteps(tf: Tf, x: tfjs.Tensor2D, steps: number, w: LstmWeights, record: StepRecord | null): tfjs.Tensor2D {
  const projected = tf.add(tf.matMul(x, w.kernel), w.bias) as tfjs.Tensor2D;
  const perStep = tf.split(projected, steps, 0) as tfjs.Tensor2D[];
  let h: tfjs.Tensor2D | null = null;
  let c: tfjs.Tensor2D | null = null;
  for (let t = 0; t < steps; t++) {
    const input = perStep[t] as tfjs.Tensor2D;
    const gates = tf.sigmoid(h ? tf.add(input, tf.matMul(h, w.recurrent)) : input) as tfjs.Tensor2D;
    const [i, f, o, gHalf] = tf.split(gates, 4, 1) as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D];
    const g = tf.sub(tf.mul(gHalf, 2), 1);
    // h = 0 and c = 0 before the first step, so step 0 needs neither h·U nor f·c.
    const cell: tfjs.Tensor2D = c ? tf.add(tf.mul(f, c), tf.mul(i, g)) : tf.mul(i, g);
    const tanhCell = tf.sub(tf.mul(tf.sigmoid(tf.mul(cell, 2)), 2), 1) as tfjs.Tensor2D;
    if (record) {
      record.gates.push(gates);
      record.cells.push(cell);
      record.tanhCells.push(tanhCell);
      record.hiddens.push(h ?? tf.zerosLike(cell));
    }
    h = tf.mul(o, tanhCell) as tfjs.Tensor2D;
    c = cell;
  }
  if (!h) throw new Error('lstm needs at least one step');
  return h;
}

/** The recurrence with the fused cell kernel; same contract as `runSteps`, on unscaled weights. */
function runFusedSteps(tf: Tf, x: tfjs.Tensor2D, steps: number, w: LstmWeights, record: StepRecord | null): tfjs.Tensor2D {
  const batch = x.shape[0] / steps;
  const projected = tf.add(tf.matMul(x, w.kernel), w.bias) as tfjs.Tensor2D;
  let h: tfjs.Tensor2D | null = null;
  let c: tfjs.Tensor2D | null = null;
  for (let t = 0; t < steps; t++) {
    const inputs = h && c ? { projected, recurrent: tf.matMul(h, w.recurrent), cell: c } : { projected };
    const [gates, cell, tanhCell, hidden] = tf.engine().runKernel(LSTM_CELL_FORWARD, inputs as tfjs.NamedTensorMap, { step: t, batch }) as tfjs.Tensor2D[];
    if (record) {
      record.gates.push(gates as tfjs.Tensor2D);
      record.cells.push(cell as tfjs.Tensor2D);
      record.tanhCells.push(tanhCell as tfjs.Tensor2D);
      record.hiddens.push(h ?? tf.zerosLike(cell as tfjs.Tensor2D));
    }
    h = hidden as tfjs.Tensor2D;
    c = cell as tfjs.Tensor2D;
  }
  if (!h) throw new Error('lstm needs at least one step');
  return h;
}

/** Whether to use the fused cell: where the backend has it, unless a caller (a test, a benchmark) says otherwise. */
function useFused(tf: Tf, fused: boolean | undefined): boolean {
  return fused ?? hasFusedLstmCell(tf);
}

/** Doubles the candidate-gate columns ([i, f, o, g] → [i, f, o, 2g]) so that σ of them gives (tanh + 1) / 2. */
function scaleCandidate(tf: Tf, w: LstmWeights): LstmWeights {
  const hidden = w.recurrent.shape[0];
  const scale = tf.concat([tf.ones([3 * hidden]), tf.fill([hidden], 2)]);
  return {
    kernel: tf.mul(w.kernel, scale),
    recurrent: tf.mul(w.recurrent, scale),
    bias: tf.mul(w.bias, scale),
  };
}

/** Last hidden state [B, H] for inference: no gradient bookkeeping. */
export function lstmLastState(tf: Tf, x: tfjs.Tensor2D, steps: number, w: LstmWeights, fused?: boolean): tfjs.Tensor2D {
  return tf.tidy(() => (useFused(tf, fused) ? runFusedSteps(tf, x, steps, w, null) : runSteps(tf, x, steps, scaleCandidate(tf, w), null)));
}

/** Last hidden state [B, H] with the hand-written backward pass; gradients flow to kernel, recurrent and bias. */
export function lstmLastStateTrainable(tf: Tf, x: tfjs.Tensor2D, steps: number, w: LstmWeights, fused?: boolean): tfjs.Tensor2D {
  const withKernel = useFused(tf, fused);
  const op = tf.customGrad((...args: (tfjs.Tensor | ((saved: tfjs.Tensor[]) => void))[]) => {
    const [xIn, kernel, recurrent, bias] = args as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor1D];
    const save = args[4] as (saved: tfjs.Tensor[]) => void;
    const record: StepRecord = { gates: [], cells: [], tanhCells: [], hiddens: [] };
    const run = withKernel ? runFusedSteps : runSteps;
    const value = run(tf, xIn, steps, { kernel, recurrent, bias }, record);
    // Stacked over time ([T·B, ·]) so the backward pass can do its step-independent work in a few big ops.
    save([
      xIn,
      kernel,
      recurrent,
      tf.concat(record.gates, 0),
      tf.concat(record.cells, 0),
      tf.concat(record.tanhCells, 0),
      tf.concat(record.hiddens, 0),
    ]);
    const gradFunc = (dy: tfjs.Tensor, saved: tfjs.Tensor[]): tfjs.Tensor[] =>
      (withKernel ? fusedBackward : backward)(tf, steps, dy as tfjs.Tensor2D, saved as tfjs.Tensor2D[]);
    return { value, gradFunc };
  });
  const weights = withKernel ? w : scaleCandidate(tf, w);
  return op(x, weights.kernel, weights.recurrent, weights.bias) as tfjs.Tensor2D;
}

/**
 * BPTT from dL/dh_T, in the scaled parametrisation: a = σ(z) = [i, f, o, ĝ], g = 2ĝ − 1, c_t = f c_{t-1} + i g,
 * h_t = o tanh(c_t). Then dc_t = dh_t · o(1 − tanh²c_t) + dc_{t+1} · f_{t+1} and dz_t = [dc, dc, dh, dc] ⊙ M_t with
 * M_t = [g, c_{t-1}, tanh c_t, 2i] ⊙ a(1 − a), which needs no recurrence and so is built for all t at once.
 */
function backward(tf: Tf, steps: number, dy: tfjs.Tensor2D, saved: tfjs.Tensor2D[]): tfjs.Tensor[] {
  const [x, kernel, recurrent, gates, cells, tanhCells, hiddens] = saved as [
    tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D,
  ];
  const rows = dy.shape[0];
  const hidden = dy.shape[1];
  const [i, f, o, gHalf] = tf.split(gates, 4, 1) as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D];
  const previousCells = tf.concat([tf.zeros([rows, hidden]), tf.slice(cells, [0, 0], [(steps - 1) * rows, hidden])], 0);
  const gateFactors = tf.mul(
    tf.concat([tf.sub(tf.mul(gHalf, 2), 1), previousCells, tanhCells, tf.mul(i, 2)], 1),
    tf.mul(gates, tf.sub(1, gates)),
  );
  const cellFactor = tf.mul(o, tf.sub(1, tf.square(tanhCells)));
  const gateFactorSteps = tf.split(gateFactors, steps, 0);
  const cellFactorSteps = tf.split(cellFactor, steps, 0);
  const forgetSteps = tf.split(f, steps, 0);
  const recurrentT = tf.transpose(recurrent);

  const dz: tfjs.Tensor2D[] = new Array(steps);
  let dh: tfjs.Tensor2D = dy;
  let carry: tfjs.Tensor2D | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const dhPart: tfjs.Tensor2D = tf.mul(dh, cellFactorSteps[t] as tfjs.Tensor2D);
    const dc: tfjs.Tensor2D = carry ? tf.add(dhPart, carry) : dhPart;
    const dzStep = tf.mul(tf.concat([dc, dc, dh, dc], 1), gateFactorSteps[t] as tfjs.Tensor2D) as tfjs.Tensor2D;
    dz[t] = dzStep;
    if (t > 0) {
      dh = tf.matMul(dzStep, recurrentT) as tfjs.Tensor2D;
      carry = tf.mul(dc, forgetSteps[t] as tfjs.Tensor2D) as tfjs.Tensor2D;
    }
  }
  return weightGradients(tf, dz, x, kernel, hiddens);
}

/** BPTT with the fused backward cell: per step one kernel and one matMul. */
function fusedBackward(tf: Tf, steps: number, dy: tfjs.Tensor2D, saved: tfjs.Tensor2D[]): tfjs.Tensor[] {
  const [x, kernel, recurrent, gates, cells, tanhCells, hiddens] = saved as [
    tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor2D,
  ];
  const batch = dy.shape[0];
  const recurrentT = tf.transpose(recurrent);
  const dz: tfjs.Tensor2D[] = new Array(steps);
  let dh: tfjs.Tensor2D = dy;
  let carry: tfjs.Tensor2D | null = null;
  for (let t = steps - 1; t >= 0; t--) {
    const inputs = carry ? { dh, carry, gates, cells, tanhCells } : { dh, gates, cells, tanhCells };
    const [dzStep, carryOut] = tf.engine().runKernel(LSTM_CELL_BACKWARD, inputs as tfjs.NamedTensorMap, { step: t, batch }) as tfjs.Tensor2D[];
    dz[t] = dzStep as tfjs.Tensor2D;
    if (t > 0) {
      dh = tf.matMul(dzStep as tfjs.Tensor2D, recurrentT);
      carry = carryOut as tfjs.Tensor2D;
    }
  }
  return weightGradients(tf, dz, x, kernel, hiddens);
}

/** All steps' weight gradients as one matMul each, after the loop. */
function weightGradients(tf: Tf, dz: tfjs.Tensor2D[], x: tfjs.Tensor2D, kernel: tfjs.Tensor2D, hiddens: tfjs.Tensor2D): tfjs.Tensor[] {
  const dzAll = tf.concat(dz, 0);
  // Explicit transposes: the wasm matMul with transposeA/B set takes a path ~10× slower than XNNPACK's.
  const dKernel = tf.matMul(tf.transpose(x), dzAll);
  const dRecurrent = tf.matMul(tf.transpose(hiddens), dzAll);
  const dBias = tf.sum(dzAll, 0);
  const dx = tf.matMul(dzAll, tf.transpose(kernel));
  return [dx, dKernel, dRecurrent, dBias];
}
