/** z of a two-sided 95% interval: normalQuantile(0.975). */
export const Z_95 = 1.959963984540054;

export interface ProportionInterval {
  low: number | null;
  high: number | null;
}

/**
 * Wilson score interval for a binomial proportion. Preferred to the textbook p ± z·sqrt(p(1-p)/n) because that one
 * collapses to a zero-width interval at 0/n or n/n and undercovers for the small n a recent window has.
 */
export function wilsonInterval(successes: number, n: number, z = Z_95): ProportionInterval {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: need integers 0 <= successes <= n, got ${successes}/${n}`);
  }
  if (n === 0) return { low: null, high: null };
  const p = successes / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const halfWidth = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // Clamp away rounding past the ends (the exact interval at 0/n starts at 0, at n/n ends at 1).
  return { low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth) };
}
