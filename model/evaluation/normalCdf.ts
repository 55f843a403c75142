/**
 * Standard normal CDF without an erf table: Marsaglia's Taylor series (J. Stat. Software 11(4), 2004) near the
 * centre, and the Laplace continued fraction for the Mills ratio in the tails, where it keeps relative accuracy
 * (a p-value of 1e-12 stays 1e-12 rather than rounding to 0 through 1 - Φ). Both are good to about 1e-15.
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < -TAIL_FROM) return upperTail(-x);
  if (x > TAIL_FROM) return 1 - upperTail(x);
  return centralCdf(x);
}

/** 1 - Φ(x) computed directly, so tiny upper-tail probabilities keep their digits. */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

const TAIL_FROM = 3;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function centralCdf(x: number): number {
  // Φ(x) = 1/2 + φ(x)·(x + x³/3 + x⁵/(3·5) + …); the terms shrink fast for |x| ≤ 3.
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 3; sum + term !== sum; k += 2) {
    term *= x2 / k;
    sum += term;
  }
  return 0.5 + sum * Math.exp(-0.5 * x2 - LOG_SQRT_2PI);
}

function upperTail(x: number): number {
  if (x === Infinity) return 0;
  // Q(x) = φ(x) / (x + 1/(x + 2/(x + 3/(x + …)))), evaluated from a deep level back up.
  let fraction = x;
  for (let k = 60; k >= 1; k--) fraction = x + k / fraction;
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI) / fraction;
}
