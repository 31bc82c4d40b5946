/**
 * D4 (THEORY.md §3): for fixed φ, L is a strongly convex quadratic in a with Hessian
 * A = ((π−1)I + 11ᵀ)/2π, and its minimiser is
 *
 *   a(φ) = [ (g(φ) − 1) a* + ((π − g(φ))/(π − 1 + k)) (1ᵀa*) 1 ] / (π − 1).
 *
 * D8: with w frozen, a_t − a(φ) = (I − η_a A)^t (a_0 − a(φ)), so ‖a_t − a(φ)‖ ≤ ρ_a^t ‖a_0 − a(φ)‖,
 * ρ_a = max(|1 − η_a(π−1)/2π|, |1 − η_a(π−1+k)/2π|), with equality along the slowest eigenvector.
 */
import { gFromComplement } from '../model/angle-functions.ts';

/** a(φ) of D4, from π − φ (so that g is accurate near φ = π). */
export function aFixedPoint(piMinusPhi: number, aStar: Float64Array, aStarSum: number): Float64Array {
  const k = aStar.length;
  const g = gFromComplement(piMinusPhi);
  const shift = ((Math.PI - g) / (Math.PI - 1 + k)) * aStarSum;
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) out[j] = ((g - 1) * aStar[j] + shift) / (Math.PI - 1);
  return out;
}

/** The eigenvalues of A: (π−1)/2π (multiplicity k − 1, on 1^⊥) and (π−1+k)/2π (on 1). */
export function aHessianEigenvalues(k: number): { readonly orthogonal: number; readonly ones: number } {
  return { orthogonal: (Math.PI - 1) / (2 * Math.PI), ones: (Math.PI - 1 + k) / (2 * Math.PI) };
}

/**
 * ρ_a, the spectral radius of I − η_a A (D8): max(|1 − η_a(π−1)/2π|, |1 − η_a(π−1+k)/2π|) for
 * k ≥ 2, and |1 − η_a/2| for k = 1, where the eigenvalue (π−1)/2π has multiplicity k − 1 = 0.
 * It is attained along {@link slowestDirection}.
 */
export function aContractionFactor(k: number, etaA: number): number {
  if (!Number.isSafeInteger(k) || k < 1) throw new RangeError(`k must be a positive integer (got ${k})`);
  const { orthogonal, ones } = aHessianEigenvalues(k);
  const alongOnes = Math.abs(1 - etaA * ones);
  return k === 1 ? alongOnes : Math.max(Math.abs(1 - etaA * orthogonal), alongOnes);
}

/**
 * The slowest eigenvector of I − η_a A: 1/√k when the 1-direction's factor dominates, else a unit
 * vector of 1^⊥ (e_1 − e_2 normalised; for k = 1 only the 1-direction exists).
 */
export function slowestDirection(k: number, etaA: number): Float64Array {
  const { orthogonal, ones } = aHessianEigenvalues(k);
  const out = new Float64Array(k);
  if (k === 1 || Math.abs(1 - etaA * ones) >= Math.abs(1 - etaA * orthogonal)) {
    out.fill(1 / Math.sqrt(k));
  } else {
    out[0] = Math.SQRT1_2;
    out[1] = -Math.SQRT1_2;
  }
  return out;
}

/**
 * D9: the w-block local contraction factor ρ_w = |1 − η_w ‖a*‖²/(2r²)| at a global optimum with
 * ‖e + w‖ = r (the Hessian there is (‖a*‖²/(2r²))(I − v*v*ᵀ) on the w-block).
 */
export function wLocalContractionFactor(etaW: number, aStarNormSq: number, r: number): number {
  return Math.abs(1 - (etaW * aStarNormSq) / (2 * r * r));
}
