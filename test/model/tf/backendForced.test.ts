// Its own file (and so its own process under the forks pool): tfjs has one engine per process.
import { describe, expect, it } from 'vitest';
import { OperationalError } from '../../../core/errors.ts';
import { loadTensorflow } from '../../../model/tf/backend.ts';

describe('loadTensorflow with a forced backend', () => {
  it('gpu where tfjs-node-gpu is missing: a clear OperationalError, and the process can still load another', async () => {
    const error = await loadTensorflow('gpu').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(OperationalError);
    expect(error).toMatchObject({ code: 'tf_backend_unavailable' });
    expect((error as Error).message).toMatch(/TICKCAST_TF_BACKEND=gpu but @tensorflow\/tfjs-node-gpu cannot be used \(.*not installed/);
  });

  it('js gives the pure-JS cpu backend', async () => {
    const runtime = await loadTensorflow('js');
    expect(runtime.kind).toBe('js');
    expect(runtime.backend).toBe('cpu');
    expect(runtime.tried).toEqual([{ kind: 'js', ok: true, reason: expect.stringMatching(/pure JavaScript/) }]);
  });
});
