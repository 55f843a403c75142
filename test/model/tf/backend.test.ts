import { describe, expect, it } from 'vitest';
import { describeBackends, loadTensorflow } from '../../../model/tf/backend.ts';

describe('loadTensorflow (no preference)', () => {
  it('picks wasm here and says why each native backend was skipped', async () => {
    const runtime = await loadTensorflow();
    expect(runtime.kind).toBe('wasm');
    expect(runtime.backend).toBe('wasm');
    expect(runtime.tf.getBackend()).toBe('wasm');
    const byKind = Object.fromEntries(runtime.tried.map((t) => [t.kind, t]));
    expect(byKind.gpu?.ok).toBe(false);
    expect(byKind.gpu?.reason).toMatch(/no CUDA GPU|not installed/);
    expect(byKind.cpu?.ok).toBe(false);
    expect(byKind.cpu?.reason).toMatch(/@tensorflow\/tfjs-node is not installed/);
    expect(byKind.wasm?.reason).toMatch(/SIMD on/);
  });

  it('is one runtime per process', async () => {
    expect(await loadTensorflow()).toBe(await loadTensorflow());
    const described = await describeBackends();
    expect(described.active).toBe('wasm');
    expect(described.tried.length).toBeGreaterThanOrEqual(3);
  });

  it('refuses a different forced backend once the engine is set', async () => {
    await expect(loadTensorflow('js')).rejects.toMatchObject({ code: 'tf_backend_unavailable', kind: 'operational' });
  });

  it('slices, splits and unstacks correctly with the heap-view kernels', async () => {
    const { tf } = await loadTensorflow();
    const values = Float32Array.from({ length: 4 * 3 * 2 }, (_, k) => k);
    const x = tf.tensor3d(values, [4, 3, 2]);
    expect(Array.from(tf.slice(x, [1, 0, 0], [2, 3, 2]).dataSync())).toEqual(Array.from(values.slice(6, 18)));
    expect(Array.from(tf.slice(x, [1, 1, 1], [2, 2, 1]).dataSync())).toEqual([9, 11, 15, 17]);
    const m = tf.tensor2d(values, [6, 4]);
    expect(Array.from(tf.slice(m, [1, 1], [2, 2]).dataSync())).toEqual([5, 6, 9, 10]);
    const [left, right] = tf.split(m, [1, 3], 1);
    expect(Array.from(left!.dataSync())).toEqual([0, 4, 8, 12, 16, 20]);
    expect(right!.shape).toEqual([6, 3]);
    const rows = tf.unstack(x);
    expect(rows[3]!.shape).toEqual([3, 2]);
    expect(Array.from(rows[3]!.dataSync())).toEqual(Array.from(values.slice(18)));
    const columns = tf.unstack(m, 1);
    expect(Array.from(columns[2]!.dataSync())).toEqual([2, 6, 10, 14, 18, 22]);
  });
});
