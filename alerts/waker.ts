/**
 * Sleeps that end early on `wake()`. A sleeper passes the `generation` it read before it last looked for work, so a
 * wake that came in between (while it was looking) ends its sleep at once instead of being missed.
 */
export class Waker {
  generation = 0;
  private readonly sleepers = new Set<() => void>();

  wait(ms: number, seen: number): Promise<void> {
    if (seen !== this.generation) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }

  wake(): void {
    this.generation++;
    for (const done of [...this.sleepers]) done();
  }
}
