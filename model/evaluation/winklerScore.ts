/**
 * Winkler's interval score of one central (1 - alpha) interval [low, high] against the realised value: its width,
 * plus 2/alpha times the miss distance when the value falls outside. Lower is better; unlike coverage alone it
 * punishes both an interval that is too wide and one that misses by a lot.
 */
export function winklerScore(low: number, high: number, actual: number, alpha: number): number {
  const width = high - low;
  if (actual < low) return width + (2 / alpha) * (low - actual);
  if (actual > high) return width + (2 / alpha) * (actual - high);
  return width;
}
