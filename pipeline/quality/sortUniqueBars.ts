import type { Bar } from '../../core/bars.ts';
import { hasValidTime } from './barPredicates.ts';

/**
 * Bars with a valid time, oldest first, one per timestamp. Of duplicates the last one in input order wins, as in
 * an upsert: a later row is a revision of an earlier one.
 */
export function sortUniqueBars(bars: readonly Bar[]): Bar[] {
  const byTime = new Map<number, Bar>();
  for (const bar of bars) {
    if (hasValidTime(bar)) byTime.set(bar.ts.getTime(), bar);
  }
  return [...byTime.values()].sort((a, b) => a.ts.getTime() - b.ts.getTime());
}
