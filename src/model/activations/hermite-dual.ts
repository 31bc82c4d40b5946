/**
 * The dual activation (./dual-activation.ts) of a smooth σ by its Hermite expansion (Mehler's
 * formula). With the orthonormal Hermite polynomials h_n = He_n/√(n!) of the standard normal
 * weight and σ = Σ_n d_n h_n, d_n = E[σ(X) h_n(X)]:
 *
 *   κ(ρ) = Σ_{n≥0} d_n² ρⁿ,   κ'(ρ) = Σ_{n≥1} n d_n² ρ^{n−1},   μ = d_0,   V = Σ_{n≥1} d_n².
 *
 * Every coefficient d_n² ≥ 0, so κ'(ρ) > 0 for ρ > 0 whatever σ (non-constant) is: on R1 the
 * w-block inner product of ./dual-population-loss.ts is ≥ 0 for every activation.
 *
 * The gap γ(φ) = Σ_{n≥1} d_n² (1 − ρⁿ) is summed without cancellation: with r = |ρ| and
 * t = 1 − r (= 2 sin²(φ/2) for φ ≤ π/2, 2 sin²((π − φ)/2) beyond), 1 − rⁿ = t·(1 + r + … + r^{n−1});
 * for ρ < 0 and odd n, 1 − ρⁿ = 1 + rⁿ.
 *
 * Coefficients: d_n = ∫ σ(x) ψ_n(x) √ϕ(x) dx with the Hermite functions ψ_n = h_n √ϕ (ϕ the
 * N(0, 1) density), ψ_0 = (2π)^{−1/4} e^{−x²/4}, ψ_{n+1} = (x ψ_n − √n ψ_{n−1})/√(n+1) (bounded by
 * about 1, so nothing overflows), by the trapezoidal rule on [−40, 40] with step 1/32: for an
 * integrand analytic in a strip and decaying like e^{−x²/4}, its error falls like e^{−2πd/step}
 * (d the strip's half-width: π/2 for tanh, π for softplus, ∞ for GELU), far below the doubles; the
 * cut-off e^{−400} likewise. The series is truncated where the tail Σ n d_n² falls below
 * 1e-17·Σ n d_n² (53 terms for softplus, 57 for GELU, 224 for tanh) — measured (test/model/activations/hermite-dual.test.ts)
 * through Parseval: Σ d_n² = E σ(X)² and Σ n d_n² = E σ'(X)² against direct quadrature, agreeing
 * to ≤ 1e-14 relative for softplus, tanh and GELU.
 *
 * ## Special cases
 * - Non-smooth σ (ReLU, leaky ReLU): d_n² decays only like n^{−5/2}, the truncated series is far
 *   off near ρ = ±1; those have closed forms (../leaky-relu-population-loss.ts). The builder
 *   throws when the tail has not fallen below the tolerance well before MAX_TERMS terms.
 */
import type { Activation } from './activation.ts';
import type { DualActivation } from './dual-activation.ts';

/** Quadrature: the half-width of the interval and the number of steps per unit. */
const HALF_WIDTH = 40;
const STEPS_PER_UNIT = 32;
/** The largest number of Hermite terms computed. */
const MAX_TERMS = 600;
/** Relative size of the neglected tail Σ_{n≥N} n d_n². */
const TAIL_TOLERANCE = 1e-17;
/** The tail must be negligible over at least this many of the computed terms. */
const CONVERGED_WINDOW = 100;

/** The Hermite coefficients d_0 … d_{N−1} of σ and the quadrature's E σ² and E σ'² (for checks). */
export interface HermiteExpansion {
  readonly coefficients: Float64Array;
  /** E σ(X)² and E σ'(X)² by the same trapezoidal rule (Parseval checks). */
  readonly secondMoment: number;
  readonly derivativeSecondMoment: number;
}

/** d_n = E[σ(X) h_n(X)] for n < count, by the trapezoidal rule (module comment). */
export function hermiteCoefficients(sigma: Activation, count: number): HermiteExpansion {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer (got ${count})`);
  const d = new Float64Array(count);
  const step = 1 / STEPS_PER_UNIT;
  const nodes = 2 * HALF_WIDTH * STEPS_PER_UNIT;
  const sqrtN = Float64Array.from({ length: count + 1 }, (_, n) => Math.sqrt(n));
  const c0 = (2 * Math.PI) ** -0.25;
  let secondMoment = 0;
  let derivativeSecondMoment = 0;
  for (let i = 0; i <= nodes; i++) {
    const x = -HALF_WIDTH + i * step;
    // The end points carry weight ½; there the integrand is below e^{−400}.
    const weight = i === 0 || i === nodes ? step / 2 : step;
    const root = c0 * Math.exp(-0.25 * x * x); // √ϕ(x) = ψ_0(x)
    const s = sigma.value(x);
    const ds = sigma.derivative(x);
    secondMoment += weight * s * s * root * root;
    derivativeSecondMoment += weight * ds * ds * root * root;
    const f = weight * s * root;
    let prev = 0;
    let psi = root;
    for (let n = 0; n < count; n++) {
      d[n] += f * psi;
      const next = (x * psi - sqrtN[n] * prev) / sqrtN[n + 1];
      prev = psi;
      psi = next;
    }
  }
  return { coefficients: d, secondMoment, derivativeSecondMoment };
}

/**
 * The number of terms N: the smallest n ≥ 8 with Σ_{m≥n} m d_m² ≤ TAIL_TOLERANCE·Σ m d_m². Throws
 * unless N ≤ MAX_TERMS − CONVERGED_WINDOW, i.e. unless the tail has stayed negligible over the last
 * CONVERGED_WINDOW computed terms (a σ that is not smooth enough, or whose expansion has vanishing
 * stretches — ReLU's odd coefficients beyond n = 1 are 0 — is not mistaken for a converged one).
 */
function truncation(name: string, d: Float64Array): number {
  let total = 0;
  for (let n = 1; n < d.length; n++) total += n * d[n] * d[n];
  let tail = 0;
  let cut = d.length;
  for (let n = d.length - 1; n >= 8; n--) {
    tail += n * d[n] * d[n];
    if (tail > TAIL_TOLERANCE * total) break;
    cut = n;
  }
  if (cut > d.length - CONVERGED_WINDOW) {
    throw new RangeError(`${name}: the Hermite tail is not below ${TAIL_TOLERANCE} relative within ${d.length - CONVERGED_WINDOW} terms`);
  }
  return cut;
}

/** γ(φ) = Σ_{n≥1} sq_n (1 − ρⁿ) without cancellation (module comment); sq_n = d_n². */
function gapSum(sq: Float64Array, phi: number, piMinusPhi: number): number {
  const near = phi <= Math.PI / 2;
  const half = Math.sin((near ? phi : piMinusPhi) / 2);
  const t = 2 * half * half; // 1 − |ρ|
  const r = near ? Math.cos(phi) : Math.cos(piMinusPhi); // |ρ|
  let sum = 0;
  let power = 1; // r^{n−1}
  let partial = 0; // 1 + r + … + r^{n−1}
  for (let n = 1; n < sq.length; n++) {
    partial += power;
    power *= r; // rⁿ
    sum += sq[n] * (near || n % 2 === 0 ? t * partial : 1 + power);
  }
  return sum;
}

/** κ'(ρ) = Σ_{n≥1} n sq_n ρ^{n−1} by Horner's rule. */
function slopeSum(sq: Float64Array, rho: number): number {
  let sum = 0;
  for (let n = sq.length - 1; n >= 1; n--) sum = sum * rho + n * sq[n];
  return sum;
}

/** The dual activation of a smooth σ from its Hermite expansion (module comment). */
export function hermiteDual(sigma: Activation): DualActivation {
  const { coefficients } = hermiteCoefficients(sigma, MAX_TERMS);
  const count = truncation(sigma.name, coefficients);
  const sq = Float64Array.from(coefficients.subarray(0, count), (x) => x * x);
  let variance = 0;
  for (let n = count - 1; n >= 1; n--) variance += sq[n];
  return {
    name: sigma.name,
    mean: coefficients[0],
    variance,
    gap: (phi, piMinusPhi) => gapSum(sq, phi, piMinusPhi),
    slope: (phi, piMinusPhi) => slopeSum(sq, phi <= Math.PI / 2 ? Math.cos(phi) : -Math.cos(piMinusPhi)),
  };
}
