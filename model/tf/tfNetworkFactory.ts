import { UserError } from '../../core/errors.ts';
import type { NetworkFactory, NetworkSpec, QuantileNetwork } from '../network.ts';
import type { TfRuntime } from './backend.ts';
import { seededRandom } from '../seededRandom.ts';
import { glorotUniform, orthogonalRows } from './initializers.ts';
import { TfQuantileLstm } from './tfQuantileLstm.ts';
import { decodeWeights } from './weightCodec.ts';

export interface TfNetworkOptions {
  /** Force the fused cell kernel on or off (benchmarks, tests); by default it is used where the backend has it. */
  fusedCell?: boolean;
}

/** Quantile LSTMs on a loaded TensorFlow.js runtime (see `loadTensorflow`). */
export function createTfNetworkFactory(runtime: TfRuntime, options: TfNetworkOptions = {}): NetworkFactory {
  return {
    backend: runtime.backend,
    create(spec: NetworkSpec, seed: number): QuantileNetwork {
      checkSpec(spec);
      return new TfQuantileLstm(runtime.tf, spec, initialWeights(spec, seed), options.fusedCell);
    },
    restore(spec: NetworkSpec, weights: Uint8Array): QuantileNetwork {
      checkSpec(spec);
      return new TfQuantileLstm(runtime.tf, spec, decodeWeights(spec, weights), options.fusedCell);
    },
  };
}

/** Keras's LSTM defaults (Glorot kernels, orthogonal recurrence, forget-gate bias 1), drawn from our seeded PRNG. */
export function initialWeights(spec: NetworkSpec, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  const gates = 4 * spec.hidden;
  const outputs = spec.targetCount * spec.quantiles.length;
  const bias = new Float32Array(gates);
  // Gate layout [i, f, o, g]: a forget bias of 1 lets early training carry memory across the window.
  bias.fill(1, spec.hidden, 2 * spec.hidden);
  return [
    glorotUniform(spec.inputCount, gates, random),
    orthogonalRows(spec.hidden, gates, random),
    bias,
    glorotUniform(spec.hidden, outputs, random),
    new Float32Array(outputs),
  ];
}

function checkSpec(spec: NetworkSpec): void {
  const counts = [spec.windowLength, spec.inputCount, spec.hidden, spec.targetCount, spec.quantiles.length];
  const levelsOk = spec.quantiles.every((q, k) => q > 0 && q < 1 && (k === 0 || q > (spec.quantiles[k - 1] as number)));
  if (!counts.every((n) => Number.isInteger(n) && n > 0) || !levelsOk) {
    throw new UserError(
      'network_spec_invalid',
      `network spec needs positive integer sizes and ascending quantile levels in (0, 1); got window ${spec.windowLength}, inputs ${spec.inputCount}, hidden ${spec.hidden}, targets ${spec.targetCount}, levels [${spec.quantiles.join(', ')}]`,
    );
  }
}
