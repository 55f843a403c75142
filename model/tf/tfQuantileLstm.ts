/**
 * The quantile LSTM on TensorFlow.js: LSTM(hidden) over the window → Dense(targets × levels), trained with Adam on
 * the mean pinball loss, early-stopped on validation loss with the best epoch's weights restored.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { UserError } from '../../core/errors.ts';
import type { FitOptions, FitResult, NetworkSpec, QuantileNetwork, SampleSet } from '../network.ts';
import type { Tf } from './backend.ts';
import { lstmLastState, lstmLastStateTrainable } from './lstmSequence.ts';
import { pinballLoss } from './pinballLoss.ts';
import { seededRandom, shuffleInPlace } from '../seededRandom.ts';
import { pickRows, rowRange, timeMajorWindows } from './timeMajorBatch.ts';
import { encodeWeights, weightShapes } from './weightCodec.ts';

/** Windows per forward pass when predicting or scoring: bounds memory without costing dispatches. */
const EVAL_CHUNK = 1024;

export class TfQuantileLstm implements QuantileNetwork {
  readonly spec: NetworkSpec;
  readonly backend: string;
  private readonly tf: Tf;
  private readonly variables: tfjs.Variable[];
  private readonly levels: tfjs.Tensor1D;
  private readonly fusedCell: boolean | undefined;
  private disposed = false;

  constructor(tf: Tf, spec: NetworkSpec, initial: Float32Array[], fusedCell?: boolean) {
    this.fusedCell = fusedCell;
    this.tf = tf;
    this.spec = spec;
    this.backend = tf.getBackend();
    const shapes = weightShapes(spec);
    this.variables = shapes.map(({ name, shape }, k) => tf.variable(tf.tensor(initial[k] as Float32Array, shape), true, `${name}.${uid()}`));
    this.levels = tf.keep(tf.tensor1d([...spec.quantiles]));
  }

  async fit(train: SampleSet, options: FitOptions): Promise<FitResult> {
    this.assertUsable();
    checkSamples(this.spec, train, 'training');
    if (options.validation) checkSamples(this.spec, options.validation, 'validation');
    const { tf } = this;
    const random = seededRandom(options.seed ^ 0x5bd1e995);
    const optimizer = tf.train.adam(options.learningRate);
    const order = rowRange(0, train.count);
    const started = performance.now();
    let best = { loss: Infinity, epoch: 0, weights: null as Float32Array[] | null };
    let last = { epoch: 0, loss: NaN, valLoss: null as number | null };
    try {
      for (let epoch = 1; epoch <= options.epochs; epoch++) {
        const epochStarted = performance.now();
        shuffleInPlace(order, random);
        const loss = this.trainEpoch(train, order, options, optimizer);
        const valLoss = options.validation ? this.evaluate(options.validation) : null;
        const monitored = valLoss ?? loss;
        const isBest = monitored < best.loss;
        if (isBest) best = { loss: monitored, epoch, weights: this.snapshot() };
        last = { epoch, loss, valLoss };
        options.onEpoch?.({ epoch, epochs: options.epochs, loss, valLoss, seconds: (performance.now() - epochStarted) / 1000, best: isBest });
        if (!Number.isFinite(loss)) throw new UserError('fit_diverged', `training loss became ${loss} at epoch ${epoch}; lower the learning rate or check the inputs for extreme values`);
        if (epoch - best.epoch >= options.patience) break;
        // Let timers and I/O run between epochs: a fit can take minutes on one thread.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      optimizer.dispose();
    }
    if (best.weights && best.epoch !== last.epoch) this.load(best.weights);
    const seconds = (performance.now() - started) / 1000;
    return {
      epochsRun: last.epoch,
      bestEpoch: best.epoch,
      loss: last.loss,
      valLoss: best.weights && options.validation ? best.loss : last.valLoss,
      seconds,
      samplesPerSecond: (train.count * last.epoch) / seconds,
    };
  }

  predict(x: Float32Array, count: number): Float32Array {
    this.assertUsable();
    const { windowLength, inputCount, targetCount, quantiles } = this.spec;
    if (!Number.isInteger(count) || count < 0 || x.length !== count * windowLength * inputCount) {
      throw new UserError('network_input_invalid', `predict got ${x.length} values for ${count} windows of ${windowLength}×${inputCount}`);
    }
    const width = targetCount * quantiles.length;
    const out = new Float32Array(count * width);
    for (let start = 0; start < count; start += EVAL_CHUNK) {
      const rows = rowRange(start, Math.min(EVAL_CHUNK, count - start));
      const values = this.tf.tidy(() => this.forward(timeMajorWindows(x, windowLength, inputCount, rows), rows.length, false).dataSync());
      out.set(values, start * width);
    }
    sortQuantiles(out, quantiles.length);
    return out;
  }

  weights(): Uint8Array {
    this.assertUsable();
    const shapes = weightShapes(this.spec);
    const values = this.snapshot();
    return encodeWeights(this.spec, shapes.map((s, k) => ({ ...s, values: values[k] as Float32Array })));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.variables.forEach((v) => v.dispose());
    this.levels.dispose();
  }

  /** One pass over the shuffled samples; returns the mean training loss. */
  private trainEpoch(train: SampleSet, order: Int32Array, options: FitOptions, optimizer: tfjs.Optimizer): number {
    const { tf } = this;
    const { windowLength, inputCount, targetCount } = this.spec;
    let lossSum = 0;
    for (let start = 0; start < train.count; start += options.batchSize) {
      if (options.signal?.aborted) throw options.signal.reason;
      const rows = order.subarray(start, Math.min(start + options.batchSize, train.count));
      const xBatch = timeMajorWindows(train.x, windowLength, inputCount, rows);
      const yBatch = pickRows(train.y, targetCount, rows);
      const loss = tf.tidy(() => {
        const targets = tf.tensor2d(yBatch, [rows.length, targetCount]);
        const cost = optimizer.minimize(() => pinballLoss(tf, this.forward(xBatch, rows.length, true), targets, this.levels), true, this.variables);
        return (cost as tfjs.Scalar).dataSync()[0] as number;
      });
      lossSum += loss * rows.length;
    }
    return lossSum / train.count;
  }

  /** Mean pinball loss on a sample set, forward only. */
  private evaluate(samples: SampleSet): number {
    const { tf } = this;
    const { windowLength, inputCount, targetCount } = this.spec;
    let lossSum = 0;
    for (let start = 0; start < samples.count; start += EVAL_CHUNK) {
      const rows = rowRange(start, Math.min(EVAL_CHUNK, samples.count - start));
      lossSum += tf.tidy(() => {
        const predictions = this.forward(timeMajorWindows(samples.x, windowLength, inputCount, rows), rows.length, false);
        const targets = tf.tensor2d(pickRows(samples.y, targetCount, rows), [rows.length, targetCount]);
        return pinballLoss(tf, predictions, targets, this.levels).dataSync()[0] as number;
      }) * rows.length;
    }
    return lossSum / samples.count;
  }

  /** [B, targets·levels] from time-major windows. Call inside a tidy. */
  private forward(xTimeMajor: Float32Array, batch: number, trainable: boolean): tfjs.Tensor2D {
    const { tf } = this;
    const { windowLength, inputCount } = this.spec;
    const [kernel, recurrent, bias, headKernel, headBias] = this.variables as [tfjs.Variable<tfjs.Rank.R2>, tfjs.Variable<tfjs.Rank.R2>, tfjs.Variable<tfjs.Rank.R1>, tfjs.Variable<tfjs.Rank.R2>, tfjs.Variable<tfjs.Rank.R1>];
    const x = tf.tensor2d(xTimeMajor, [windowLength * batch, inputCount]);
    const lstm = trainable ? lstmLastStateTrainable : lstmLastState;
    const last = lstm(tf, x, windowLength, { kernel, recurrent, bias }, this.fusedCell);
    return tf.add(tf.matMul(last, headKernel), headBias);
  }

  private snapshot(): Float32Array[] {
    return this.variables.map((v) => (v.dataSync() as Float32Array).slice());
  }

  private load(values: Float32Array[]): void {
    this.variables.forEach((v, k) => {
      const t = this.tf.tensor(values[k] as Float32Array, v.shape);
      v.assign(t);
      t.dispose();
    });
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('this network has been disposed');
  }
}

function checkSamples(spec: NetworkSpec, samples: SampleSet, what: string): void {
  const windowSize = spec.windowLength * spec.inputCount;
  if (samples.count < 1 || samples.x.length !== samples.count * windowSize || samples.y.length !== samples.count * spec.targetCount) {
    throw new UserError(
      'network_input_invalid',
      `${what} samples do not match the network: ${samples.count} windows need ${samples.count * windowSize} inputs and ${samples.count * spec.targetCount} targets, got ${samples.x.length} and ${samples.y.length}`,
    );
  }
}

/**
 * Quantile outputs can cross (q0.9 below q0.5) where data are thin. Sorting each target's levels is the standard
 * rearrangement fix: it never raises the pinball loss and makes the intervals well-formed.
 */
function sortQuantiles(values: Float32Array, levels: number): void {
  for (let at = 0; at < values.length; at += levels) values.subarray(at, at + levels).sort();
}

let counter = 0;
/** tfjs variable names are global per engine; networks must not collide. */
function uid(): number {
  return ++counter;
}
