import { TemporaryError } from '../core/errors.ts';

/**
 * Bounds the command work a process runs at once. Surfaces ack at once and hand the work here; when the backlog
 * is full the request is refused with a clear "busy" answer instead of piling up without limit.
 */
export class WorkPool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueued: number,
  ) {}

  get depth(): { active: number; queued: number } {
    return { active: this.active, queued: this.waiting.length };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.maxQueued) {
        throw new TemporaryError('busy', `tickcast is busy (${this.waiting.length} requests waiting)`);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      // Storage answers through promise callbacks, so back-to-back jobs would never let the event loop take a new
      // request; one macrotask turn per job keeps acks flowing while the backlog drains.
      await new Promise<void>((resolve) => setImmediate(resolve));
      return await work();
    } finally {
      // Hand the slot straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}
