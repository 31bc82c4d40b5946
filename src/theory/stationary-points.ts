/**
 * D5 (THEORY.md §3): the stationary points of L.
 *
 * - Global optima: e + w = c(e + w*), c > 0, a = a* (a ray; L = 0).
 * - Spurious point: e + w = −c(e + w*) (φ = π) and
 *     a_sp = ((π−1)I + 11ᵀ)⁻¹(11ᵀ − I)a* = [ (π/(π−1+k)) (1ᵀa*) 1 − a* ] / (π − 1)
 *   (Sherman–Morrison; it is a(π) of D4), with
 *     L_sp = ¼[ (π+2k−2)/(k(π−1+k)) (1ᵀa*)² + (π−2)/(π−1) (‖a*‖² − (1ᵀa*)²/k) ] > 0.
 * - It is a local minimum iff (1ᵀa*)² < ((π−1+k)/π)‖a*‖².
 */
import type { Teacher } from '../model/teacher.ts';

/** a_sp. */
export function spuriousA(aStar: Float64Array, aStarSum: number): Float64Array {
  const k = aStar.length;
  const shift = (Math.PI / (Math.PI - 1 + k)) * aStarSum;
  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) out[j] = (shift - aStar[j]) / (Math.PI - 1);
  return out;
}

/** w on the spurious ray: e + w = −c(e + w*), c > 0. */
export function spuriousW(t: Teacher, c = 1): Float64Array {
  const out = new Float64Array(t.p);
  for (let i = 0; i < t.p; i++) out[i] = -c * t.uStar[i] - t.e;
  return out;
}

/** w on the global ray: e + w = c(e + w*), c > 0. */
export function globalW(t: Teacher, c = 1): Float64Array {
  const out = new Float64Array(t.p);
  for (let i = 0; i < t.p; i++) out[i] = c * t.uStar[i] - t.e;
  return out;
}

/** L_sp of D5. */
export function spuriousLoss(k: number, aStarNormSq: number, aStarSum: number): number {
  const s2 = aStarSum * aStarSum;
  return (
    0.25 *
    (((Math.PI + 2 * k - 2) / (k * (Math.PI - 1 + k))) * s2 + ((Math.PI - 2) / (Math.PI - 1)) * (aStarNormSq - s2 / k))
  );
}

/**
 * (π−1+k)/π · ‖a*‖² − (1ᵀa*)²: positive iff the spurious point is a local minimum (D5).
 */
export function spuriousMinimumMargin(k: number, aStarNormSq: number, aStarSum: number): number {
  return ((Math.PI - 1 + k) / Math.PI) * aStarNormSq - aStarSum * aStarSum;
}
