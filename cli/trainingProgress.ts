import type { EpochReport } from '../model/network.ts';
import { createProgress, type Progress } from './progress.ts';

/**
 * One progress bar per training phase on stderr: epoch, loss, validation loss and an ETA from the mean epoch time
 * and the epochs left (an upper bound: early stopping usually ends sooner).
 */
export function trainingProgress(enabled: boolean) {
  let bar: Progress | null = null;
  let seconds = 0;
  return {
    phase(name: string, epochs: number): void {
      bar?.stop();
      seconds = 0;
      bar = createProgress(epochs, name, enabled);
    },
    epoch(report: EpochReport): void {
      seconds += report.seconds;
      const eta = Math.round((seconds / report.epoch) * (report.epochs - report.epoch));
      const val = report.valLoss == null ? '' : ` val ${report.valLoss.toFixed(4)}${report.best ? ' *' : ''}`;
      bar?.step(`epoch ${report.epoch}/${report.epochs} loss ${report.loss.toFixed(4)}${val} (${report.seconds.toFixed(1)} s, ETA ≤ ${eta} s)`);
      bar?.advance();
    },
    stop(): void {
      bar?.stop();
      bar = null;
    },
  };
}
