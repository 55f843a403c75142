import { createHash } from 'node:crypto';
import type { Bar } from '../../core/bars.ts';

/**
 * sha256 over the bars in a canonical text form (one line per bar, oldest first, numbers in JS's shortest
 * round-trip form), so two loads of the same data share a checksum whatever file or API they came from.
 */
export function barsChecksum(bars: readonly Bar[]): string {
  const hash = createHash('sha256');
  const sorted = [...bars].sort((a, b) => a.ts.getTime() - b.ts.getTime());
  for (const bar of sorted) {
    hash.update(`${bar.ts.toISOString()},${bar.open},${bar.high},${bar.low},${bar.close},${bar.adjClose ?? ''},${bar.volume}\n`);
  }
  return hash.digest('hex');
}
