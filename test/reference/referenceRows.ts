// Runs the independent Python reference (indicators.py beside this file) and returns its rows.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const SCRIPT = fileURLToPath(new URL('./indicators.py', import.meta.url));

/** One row per bar: `date` plus every feature name, null where undefined. */
export type ReferenceRow = Record<string, string | number | null>;

/** `python3 indicators.py csvPath`, parsed. Rejects if Python fails (its stderr is in the error). */
export async function referenceRows(csvPath: string): Promise<ReferenceRow[]> {
  const { stdout } = await promisify(execFile)('python3', [SCRIPT, csvPath], { maxBuffer: 256 * 1024 * 1024 });
  return (JSON.parse(stdout) as { rows: ReferenceRow[] }).rows;
}
