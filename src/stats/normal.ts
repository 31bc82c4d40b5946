/**
 * The standard normal distribution: Φ(x) = ½·erfc(−x/√2) and its inverse Φ⁻¹(p).
 *
 *   erfc(z) = (2/√π) e^{−z²} Σ_{n≥0} 2ⁿ z^{2n+1} / (1·3·…·(2n+1))   subtracted from 1   (|z| < 2.5)
 *   erfc(z) = (e^{−z²}/√π) · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …))))  (z ≥ 2.5, Lentz)
 *
 * The series has positive terms (no cancellation) and the continued fraction converges quickly for
 * z ≥ 2.5. Measured against 20-digit values (test/stats/normal.test.ts): relative error of Φ below
 * 1e-13 (worst near x = −3, where 1 − erf cancels) and below 1e-14 at x = −2 and x = −10. Φ⁻¹
 * starts from Acklam's rational approximation (relative error 1.15e-9) and takes two Halley steps
 * on Φ (relative error below 1e-14 in the tests).
 *
 * ## Special cases
 * - Φ(−∞) = 0, Φ(∞) = 1, Φ(NaN) = NaN; Φ⁻¹(0) = −∞, Φ⁻¹(1) = ∞; Φ⁻¹(p) throws outside [0, 1].
 */

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_PI = 1 / Math.sqrt(Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** erf(z) for 0 ≤ z < 2.5 by the positive series. */
function erfSeries(z: number): number {
  const z2 = 2 * z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
    term *= z2 / (2 * n + 1);
    sum += term;
  }
  return 2 * INV_SQRT_PI * Math.exp(-z * z) * sum;
}

/** erfc(z) for z ≥ 2.5 by the continued fraction (modified Lentz). */
function erfcContinuedFraction(z: number): number {
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const an = n / 2;
    d = z + an * d;
    d = d === 0 ? tiny : 1 / d;
    c = z + an / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (INV_SQRT_PI * Math.exp(-z * z)) / f;
}

/** erfc(z) for any real z. */
function erfc(z: number): number {
  if (z < 0) return 2 - erfc(-z);
  return z < 2.5 ? 1 - erfSeries(z) : erfcContinuedFraction(z);
}

/** Φ(x) = P(Z ≤ x), Z ~ N(0, 1). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  return 0.5 * erfc(-x * SQRT1_2);
}

/** Φ(−x) = P(Z > x), accurate in the upper tail. */
export function normalSurvival(x: number): number {
  return normalCdf(-x);
}

/** Acklam's rational approximation of Φ⁻¹ (relative error < 1.15e-9). */
function acklam(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    return p < low ? x : -x;
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Φ⁻¹(p): the x with Φ(x) = p. Throws a RangeError unless 0 ≤ p ≤ 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1] (got ${p})`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  let x = acklam(p);
  for (let i = 0; i < 2; i++) {
    // Halley's step on Φ(x) − p, with the residual taken in the smaller tail.
    const e = x < 0 ? normalCdf(x) - p : (1 - p) - normalSurvival(x);
    const u = e * SQRT_2PI * Math.exp((x * x) / 2);
    x -= u / (1 + (x * u) / 2);
  }
  return x;
}
