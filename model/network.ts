/**
 * The small fit/predict contract between the forecasting pipeline (windows in, quantiles out) and the network that
 * learns them. model/tf/ implements it on TensorFlow.js; nothing above this file knows about tensors.
 */

/** Shape and settings of a quantile sequence network. */
export interface NetworkSpec {
  /** Time steps per window. */
  windowLength: number;
  /** Inputs per time step. */
  inputCount: number;
  /** LSTM units. */
  hidden: number;
  /** Target columns (horizons); each gets every quantile. */
  targetCount: number;
  /** Quantile levels, ascending; the loss is the mean pinball loss over targets × levels. */
  quantiles: readonly number[];
}

/**
 * Samples laid out flat: `x` holds `count` windows of `windowLength × inputCount` (time-major inside a window),
 * `y` holds `count × targetCount` targets.
 */
export interface SampleSet {
  count: number;
  x: Float32Array;
  y: Float32Array;
}

export interface EpochReport {
  epoch: number;
  epochs: number;
  loss: number;
  valLoss: number | null;
  /** Seconds this epoch took. */
  seconds: number;
  /** True when this epoch's validation loss is the best so far (its weights are the ones kept). */
  best: boolean;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Seeds weight initialisation and batch shuffling: the same seed and data give the same weights. */
  seed: number;
  /** Stop after this many epochs without a better validation loss; the best epoch's weights are kept. */
  patience: number;
  validation?: SampleSet;
  onEpoch?: (report: EpochReport) => void;
  /** Checked between batches; an aborted fit throws the signal's reason. */
  signal?: AbortSignal;
}

export interface FitResult {
  epochsRun: number;
  bestEpoch: number;
  loss: number;
  valLoss: number | null;
  seconds: number;
  /** Training samples per second over the whole fit. */
  samplesPerSecond: number;
}

export interface QuantileNetwork {
  readonly spec: NetworkSpec;
  /** The backend it runs on (`tensorflow`, `wasm`, `cpu`, …). */
  readonly backend: string;
  fit(train: SampleSet, options: FitOptions): Promise<FitResult>;
  /**
   * Quantiles for `count` windows (`x` as in `SampleSet`): `count × targetCount × quantiles.length`, levels
   * innermost. Allocates no tensor that outlives the call.
   */
  predict(x: Float32Array, count: number): Float32Array;
  /** The weights as bytes, to be stored in a bundle. */
  weights(): Uint8Array;
  dispose(): void;
}

/** Makes networks: fresh ones, seeded, and ones rebuilt from stored weights (which are checked against the spec). */
export interface NetworkFactory {
  readonly backend: string;
  create(spec: NetworkSpec, seed: number): QuantileNetwork;
  restore(spec: NetworkSpec, weights: Uint8Array): QuantileNetwork;
}
