import { QUANTILE_LEVELS } from '../core/forecast.ts';
import type { InputScaler } from '../core/model.ts';
import { applyCalibration, type Calibration } from './calibration.ts';
import type { ModelConfig } from './modelConfig.ts';
import { MODEL_INPUTS } from './modelInputs.ts';
import type { QuantileNetwork } from './network.ts';
import { writeWindow, type Origin } from './samples.ts';

const Q = QUANTILE_LEVELS.length;
/** Windows per predict call: large enough to amortise dispatch, small enough to keep memory modest. */
const PREDICT_CHUNK = 1024;

/**
 * A trained network with everything needed to turn its output into return quantiles: the scaler its inputs were
 * fitted with, the held-out calibration and the configuration. Restored bundles and freshly trained models are both this.
 */
export class QuantileModel {
  constructor(
    readonly network: QuantileNetwork,
    readonly scaler: InputScaler,
    readonly calibration: Calibration,
    readonly config: ModelConfig,
  ) {}

  /** Scaled windows for `origins`, as the network reads them. */
  windows(origins: readonly Origin[]): Float32Array {
    const size = this.config.windowLength * MODEL_INPUTS.length;
    const x = new Float32Array(origins.length * size);
    origins.forEach(({ frame, origin }, n) => writeWindow(frame, origin, this.config.windowLength, this.scaler, x, n * size));
    return x;
  }

  /** Raw network output (normalised units) for prepared windows, in chunks. */
  predictWindows(x: Float32Array, count: number): Float32Array {
    const size = this.config.windowLength * MODEL_INPUTS.length;
    const width = this.config.horizons * Q;
    const out = new Float32Array(count * width);
    for (let start = 0; start < count; start += PREDICT_CHUNK) {
      const n = Math.min(PREDICT_CHUNK, count - start);
      out.set(this.network.predict(x.subarray(start * size, (start + n) * size), n), start * width);
    }
    return out;
  }

  /**
   * Calibrated log-return quantiles for each origin: `count × horizons × Q`, levels ascending. Horizon h's
   * quantiles are the normalised ones × the origin's σ × √h.
   */
  predictReturns(origins: readonly Origin[]): Float64Array {
    const raw = this.predictWindows(this.windows(origins), origins.length);
    return this.toReturns(raw, origins);
  }

  /** Calibrated return quantiles from raw network output for the same origins. */
  toReturns(raw: Float32Array, origins: readonly Origin[]): Float64Array {
    const horizons = this.config.horizons;
    const out = new Float64Array(origins.length * horizons * Q);
    origins.forEach(({ frame, origin }, n) => {
      const sigma = frame.sigma[origin]!;
      for (let h = 0; h < horizons; h++) {
        const offset = (n * horizons + h) * Q;
        const quantiles = applyCalibration(raw.subarray(offset, offset + Q), this.calibration, h);
        const scale = sigma * Math.sqrt(h + 1);
        for (let q = 0; q < Q; q++) out[offset + q] = quantiles[q]! * scale;
      }
    });
    return out;
  }

  dispose(): void {
    this.network.dispose();
  }
}
