/**
 * Student's t distribution with an integer number ν ≥ 1 of degrees of freedom, in closed form
 * (Abramowitz & Stegun 26.7.3–26.7.4). With θ = atan(t/√ν), A(t | ν) = P(|T| ≤ t) is
 *
 *   ν = 1:      A = 2θ/π
 *   ν odd > 1:  A = (2/π)·[θ + sin θ·(cos θ + (2/3)cos³θ + … + (2·4···(ν−3))/(1·3···(ν−2))·cos^{ν−2}θ)]
 *   ν even:     A = sin θ·[1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3···(ν−3))/(2·4···(ν−2))·cos^{ν−2}θ]
 *
 * and the quantile is found by bisection on A to the resolution of doubles. Used for the confidence
 * intervals of least-squares slopes (line-fit.ts), whose residual variance has ν = n − 2.
 *
 * ## Special cases
 * - A(0 | ν) = 0, A(∞ | ν) = 1; ν must be a positive integer (RangeError otherwise).
 */

function checkDof(nu: number): void {
  if (!Number.isSafeInteger(nu) || nu < 1) throw new RangeError(`degrees of freedom must be a positive integer (got ${nu})`);
}

/** A(t | ν) = P(|T| ≤ |t|). */
export function studentTCentralProbability(t: number, nu: number): number {
  checkDof(nu);
  const x = Math.abs(t);
  if (x === Infinity) return 1;
  const theta = Math.atan(x / Math.sqrt(nu));
  const s = Math.sin(theta);
  const c = Math.cos(theta);
  const c2 = c * c;
  if (nu % 2 === 1) {
    let sum = 0;
    let term = c;
    for (let j = 1; j <= (nu - 1) / 2; j++) {
      sum += term;
      term *= (c2 * (2 * j)) / (2 * j + 1);
    }
    return Math.min(1, (2 / Math.PI) * (theta + s * sum));
  }
  let sum = 0;
  let term = 1;
  for (let j = 1; j <= nu / 2; j++) {
    sum += term;
    term *= (c2 * (2 * j - 1)) / (2 * j);
  }
  return Math.min(1, s * sum);
}

/**
 * The two-sided critical value t_{ν} with P(|T| ≤ t) = level (e.g. level 0.99 gives the t of a
 * 99% confidence interval). Throws a RangeError unless 0 < level < 1.
 */
export function studentTCritical(level: number, nu: number): number {
  checkDof(nu);
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1) (got ${level})`);
  let lo = 0;
  let hi = 1;
  while (studentTCentralProbability(hi, nu) < level) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCentralProbability(mid, nu) < level) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
