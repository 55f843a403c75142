/** Two-sample Kolmogorov-Smirnov statistic and its approximate p-value. */
export interface KsResult {
  /** The largest gap between the two empirical CDFs, 0..1. */
  d: number;
  /** Probability of a gap at least this large if both samples came from one continuous distribution. */
  pValue: number;
}

/**
 * Two-sample KS test. Ties within and across the samples are stepped over together, so D is the true sup gap of
 * the empirical CDFs. The p-value is the asymptotic Kolmogorov distribution at λ = (√m + 0.12 + 0.11/√m)·D with
 * m = n_a·n_b/(n_a + n_b) (Stephens' small-sample correction, as in Numerical Recipes' `kstwo`): approximate,
 * conservative with heavy ties, fine for a monitoring signal. Non-finite values are skipped.
 */
export function ksStatistic(sampleA: ArrayLike<number>, sampleB: ArrayLike<number>): KsResult {
  const a = Float64Array.from(sampleA).filter(Number.isFinite).sort();
  const b = Float64Array.from(sampleB).filter(Number.isFinite).sort();
  if (a.length === 0 || b.length === 0) throw new RangeError('ksStatistic: both samples need a finite value');
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < a.length && j < b.length) {
    const value = Math.min(a[i]!, b[j]!);
    while (i < a.length && a[i] === value) i++;
    while (j < b.length && b[j] === value) j++;
    d = Math.max(d, Math.abs(i / a.length - j / b.length));
  }
  const root = Math.sqrt((a.length * b.length) / (a.length + b.length));
  return { d, pValue: kolmogorovSurvival((root + 0.12 + 0.11 / root) * d) };
}

/** P(K > λ) for the Kolmogorov distribution: 2 Σ_{j≥1} (-1)^{j-1} exp(-2 j² λ²). */
export function kolmogorovSurvival(lambda: number): number {
  // Below about 0.2 the series converges too slowly to sum, and the probability is 1 to many digits anyway.
  if (lambda < 0.2) return 1;
  let sum = 0;
  for (let j = 1; j <= 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    sum += j % 2 === 1 ? term : -term;
    if (term < 1e-17 * sum) break;
  }
  return Math.min(1, Math.max(0, 2 * sum));
}
