import type { EpochReport } from '../model/network.ts';
import { createProgress, type Progress } from './progress.ts';

/**
 * One progress bar per training phase on stderr: epoch, loss, validation loss and an ETA (from the epochs left, so
 * an early stop finishes sooner than it says).
 */
export function trainingProgress(enabled: boolean) {
  let bar: Progress | null = null;
  return {
    phase(name: string, epochs: number): void {
      bar?.stop();
      bar = createProgress(epochs, name, enabled);
    },
    epoch(report: EpochReport): void {
      const val = report.valLoss == null ? '' : ` val ${report.valLoss.toFixed(4)}${report.best ? ' *' : ''}`;
      bar?.step(`epoch ${report.epoch}/${report.epochs} loss ${report.loss.toFixed(4)}${val} (${report.seconds.toFixed(1)} s)`);
      bar?.advance();
    },
    stop(): void {
      bar?.stop();
      bar = null;
    },
  };
}
