import cliProgress from 'cli-progress';

export interface Progress {
  step(label: string): void;
  advance(): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal; otherwise (CI, pipes, --json) one line per step on stderr, so
 * stdout keeps only the result.
 */
export function createProgress(total: number, title: string, enabled: boolean): Progress {
  if (!enabled || total < 2) return { step: () => {}, advance: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    let done = 0;
    return {
      step: (label) => process.stderr.write(`${title} ${done + 1}/${total}: ${label}\n`),
      advance: () => void (done += 1),
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${title} [{bar}] {value}/{total} {label} | ETA {eta_formatted}`, stream: process.stderr, clearOnComplete: true, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    step: (label) => bar.update({ label }),
    advance: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
