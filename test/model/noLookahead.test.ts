import { beforeAll, describe, expect, it } from 'vitest';
import type { Bar } from '../../core/bars.ts';
import { DEFAULT_MODEL_CONFIG, type ModelConfig } from '../../model/modelConfig.ts';
import { MODEL_INPUTS } from '../../model/modelInputs.ts';
import type { QuantileModel } from '../../model/quantileModel.ts';
import { lastRowOnOrBefore, type SeriesFrame } from '../../model/seriesFrame.ts';
import { loadTensorflow } from '../../model/tf/backend.ts';
import { createTfNetworkFactory } from '../../model/tf/tfNetworkFactory.ts';
import { trainModel } from '../../model/trainModel.ts';
import { frameOf } from '../support/modelFrames.ts';
import { readDaily } from '../support/sharedData.ts';
import { seededRandom } from '../../model/seededRandom.ts';

const CUT = '2019-06-28';
const config: ModelConfig = { ...DEFAULT_MODEL_CONFIG, windowLength: 12, hidden: 8, epochs: 2, calibrationSessions: 60, originStride: 1 };

/** The same bars up to and including `cut`; every later bar moved by up to ±3% (sound bars, new values). */
function perturbAfter(bars: readonly Bar[], cut: string): Bar[] {
  const random = seededRandom(5);
  return bars.map((bar) => {
    if (bar.ts.toISOString().slice(0, 10) <= cut) return bar;
    const f = 1 + (random() - 0.5) * 0.06;
    return { ...bar, open: bar.open * f, high: bar.high * f, low: bar.low * f, close: bar.close * f, adjClose: bar.adjClose === null ? null : bar.adjClose * f, volume: Math.round(bar.volume * (2 - f)) };
  });
}

describe('no lookahead', () => {
  const bars = readDaily('MSFT').filter((bar) => bar.ts.toISOString().slice(0, 10) >= '2014-01-01');
  const original = frameOf('MSFT', bars);
  const perturbed = frameOf('MSFT', perturbAfter(bars, CUT));
  const t = lastRowOnOrBefore(original, CUT);
  let model: QuantileModel;

  beforeAll(async () => {
    const factory = createTfNetworkFactory(await loadTensorflow());
    model = (await trainModel([original], config, { trainTo: '2018-12-31', factory })).model;
  });

  it('inputs at and before t do not change when later bars change', () => {
    const width = MODEL_INPUTS.length;
    expect(perturbed.dates.slice(0, t + 1)).toEqual(original.dates.slice(0, t + 1));
    expect(Array.from(perturbed.inputs.subarray(0, (t + 1) * width))).toEqual(Array.from(original.inputs.subarray(0, (t + 1) * width)));
    expect(Array.from(perturbed.sigma.subarray(0, t + 1))).toEqual(Array.from(original.sigma.subarray(0, t + 1)));
    // ...and the perturbation did reach the inputs after t, so the comparison above means something.
    expect(Array.from(perturbed.inputs.subarray((t + 1) * width))).not.toEqual(Array.from(original.inputs.subarray((t + 1) * width)));
  });

  it('every prediction made at or before t is unchanged', () => {
    const origins = (frame: SeriesFrame) => Array.from({ length: 40 }, (_, i) => ({ frame, origin: t - i }));
    const before = model.predictReturns(origins(original));
    const after = model.predictReturns(origins(perturbed));
    expect(Array.from(after)).toEqual(Array.from(before));
    const later = model.predictReturns([{ frame: original, origin: t + 3 }]);
    expect(Array.from(model.predictReturns([{ frame: perturbed, origin: t + 3 }]))).not.toEqual(Array.from(later));
  });

  it('training up to a date reads nothing after it', async () => {
    const factory = createTfNetworkFactory(await loadTensorflow());
    const a = await trainModel([original], config, { trainTo: CUT, factory });
    const b = await trainModel([perturbed], config, { trainTo: CUT, factory });
    try {
      expect(b.model.scaler).toEqual(a.model.scaler);
      expect(b.model.calibration).toEqual(a.model.calibration);
      expect(b.fit.loss).toBe(a.fit.loss);
      expect(b.model.network.weights()).toEqual(a.model.network.weights());
    } finally {
      a.model.dispose();
      b.model.dispose();
    }
  });
});
