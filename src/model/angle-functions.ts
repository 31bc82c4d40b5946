/**
 * The angle functions of the population loss (THEORY.md §2):
 *
 *   g(φ) = (π − φ) cos φ + sin φ,     h(φ) = π − g(φ),
 *
 * evaluated without cancellation at both ends of [0, π] through one auxiliary function
 *
 *   q(x) = sin x − x cos x = Σ_{n≥1} (−1)^{n+1} 2n x^{2n+1} / (2n+1)!      (THEORY.md §2 "Numerics").
 *
 * With x = π − φ, g(φ) = q(π − φ) (since sin φ = sin x and cos φ = −cos x), and
 * h(φ) = 2π sin²(φ/2) − q(φ). Both forms are sums of non-cancelling terms, so g and h are accurate
 * to a few ulps relative everywhere, given φ and π − φ each to full relative precision (which is
 * what {@link ../model/direction-geometry.ts} provides).
 *
 * Special cases: g(0) = π, g(π) = 0; h(0) = 0, h(π) = π; h(φ) ≈ πφ²/2 for small φ. The naive
 * π − g(φ) is exactly 0 for φ < 1e-8, which would erase the a-term of the loss.
 */

/** Below this, q uses its Taylor series (terms fall by x²/((2n+2)(2n+3)) ≤ 1/20 each). */
const SERIES_LIMIT = 1;

/** q(x) = sin x − x cos x for x ∈ [0, π], accurate to a few ulps relative. */
export function sinMinusXCos(x: number): number {
  if (x >= SERIES_LIMIT) return Math.sin(x) - x * Math.cos(x);
  // Σ (−1)^{n+1} 2n x^{2n+1}/(2n+1)!, term_n = x^{2n+1}/(2n+1)! built incrementally.
  const x2 = x * x;
  let term = (x * x2) / 6; // x³/3!
  let sum = 2 * term; // n = 1: 2·x³/6 = x³/3
  for (let n = 2; n <= 12; n++) {
    term *= x2 / ((2 * n) * (2 * n + 1));
    const contribution = 2 * n * term;
    sum += n % 2 === 0 ? -contribution : contribution;
    if (contribution < 1e-18 * sum) break;
  }
  return sum;
}

/** g(φ) = (π − φ) cos φ + sin φ, from the complement x = π − φ: g = q(x). */
export function gFromComplement(piMinusPhi: number): number {
  return sinMinusXCos(piMinusPhi);
}

/** h(φ) = π − g(φ) = 2π sin²(φ/2) − q(φ). */
export function hOfPhi(phi: number): number {
  const s = Math.sin(phi / 2);
  return 2 * Math.PI * s * s - sinMinusXCos(phi);
}
