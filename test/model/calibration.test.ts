import { describe, expect, it } from 'vitest';
import { applyCalibration, fitCalibration } from '../../model/calibration.ts';
import { normal, seededRandom } from '../../model/seededRandom.ts';

/** A network that always says N(0, 0.5²) while the truth is t-ish with scale 1: too narrow, and a noisy median. */
function sample(count: number, random: () => number) {
  const predictions = new Float32Array(count * 5);
  const targets = new Float32Array(count);
  const z = [-1.96, -1.2816, 0, 1.2816, 1.96];
  for (let n = 0; n < count; n++) {
    const noise = 0.3 * normal(random);
    z.forEach((zq, q) => (predictions[n * 5 + q] = noise + 0.5 * zq));
    targets[n] = normal(random) * (random() < 0.1 ? 2.5 : 1);
  }
  return { predictions, targets };
}

function coverage(predictions: Float32Array, targets: Float32Array, calibration: ReturnType<typeof fitCalibration>) {
  let in80 = 0;
  let in95 = 0;
  for (let n = 0; n < targets.length; n++) {
    const q = applyCalibration(predictions.subarray(n * 5, n * 5 + 5), calibration, 0);
    const y = targets[n]!;
    if (q[1]! <= y && y <= q[3]!) in80++;
    if (q[0]! <= y && y <= q[4]!) in95++;
  }
  return { c80: in80 / targets.length, c95: in95 / targets.length };
}

describe('conformal calibration', () => {
  const random = seededRandom(11);
  const held = sample(2000, random);
  const fresh = sample(20000, random);
  const calibration = fitCalibration(held.predictions, held.targets, 2000, 1);

  it('widens too-narrow intervals so fresh data is covered at the nominal rates', () => {
    const before = coverage(fresh.predictions, fresh.targets, { shrink: [1], widen80: [0], widen95: [0] });
    expect(before.c80).toBeLessThan(0.6);
    const after = coverage(fresh.predictions, fresh.targets, calibration);
    expect(after.c80).toBeGreaterThan(0.78);
    expect(after.c80).toBeLessThan(0.82);
    expect(after.c95).toBeGreaterThan(0.94);
    expect(after.c95).toBeLessThan(0.96);
  });

  it('shrinks a median that is pure noise all the way to no change', () => {
    expect(calibration.shrink[0]).toBe(0);
  });

  it('keeps a median that carries signal', () => {
    const predictions = new Float32Array(500 * 5);
    const targets = new Float32Array(500);
    for (let n = 0; n < 500; n++) {
      const signal = normal(random);
      targets[n] = signal + 0.1 * normal(random);
      for (let q = 0; q < 5; q++) predictions[n * 5 + q] = signal + (q - 2) * 0.1;
    }
    expect(fitCalibration(predictions, targets, 500, 1).shrink[0]).toBeGreaterThan(0.9);
  });

  it('returns ordered quantiles even from crossed network output', () => {
    const q = applyCalibration([0.5, -0.2, 0.1, -0.4, 0.3], { shrink: [1], widen80: [0], widen95: [0] }, 0);
    expect([...q].sort((a, b) => a - b)).toEqual(q);
  });

  it('refuses to calibrate on a handful of samples', () => {
    expect(() => fitCalibration(new Float32Array(50), new Float32Array(10), 10, 1)).toThrow(/at least 20/);
  });
});
