import { describe, expect, it } from 'vitest';
import { TemporaryError } from '../../core/errors.ts';
import { WorkPool } from '../../bot/workPool.ts';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('WorkPool', () => {
  it('runs at most `concurrency` at once, in arrival order, and refuses beyond the backlog', async () => {
    const pool = new WorkPool(2, 2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = gates.map((gate, i) => pool.run(async () => { started.push(i); await gate.promise; return i; }));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(pool.depth).toEqual({ active: 2, queued: 2 });
    await expect(pool.run(async () => 99)).rejects.toBeInstanceOf(TemporaryError);
    gates[1]!.resolve();
    await runs[1];
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(pool.depth).toEqual({ active: 0, queued: 0 });
  });

  it('frees the slot when work fails', async () => {
    const pool = new WorkPool(1, 0);
    await expect(pool.run(async () => { throw new Error('no'); })).rejects.toThrow('no');
    expect(await pool.run(async () => 'yes')).toBe('yes');
  });
});
