/**
 * Exact PD constants (THEORY.md §4) on the regions of ./pd-region.ts, to compare with the search.
 * For a block with target x*, the ε a point requires at constant c is c‖x − x*‖² − ⟨−∇_x L, x* − x⟩;
 * the best ε on a region is its supremum, and the largest c at ε = 0 the infimum of
 * ⟨−∇_x L, x* − x⟩ / ‖x − x*‖².
 *
 * a-block. With x = a − a*, ∇_a L = A x + (h/2π) a* (THEORY §2), so the required ε is
 *   c‖x‖² − xᵀAx − (h/2π) a*ᵀx = −xᵀ(A − cI)x − bᵀx,   b = (h(φ)/2π) a*.
 * For c < λ_min(A) = (π−1)/2π its supremum over all x is bᵀ(A − cI)⁻¹b/4, attained at
 * x* = −(A − cI)⁻¹b/2; on ‖x‖ ≤ R it is the trust-region maximum (x(μ) = −(A − cI + μI)⁻¹b/2 with
 * ‖x(μ)‖ = R). (A − cI)⁻¹ has two eigenvalues (on 1 and on 1^⊥), so both are closed forms plus a
 * scalar root. D6's bound h²‖a*‖²/(4π(π−1)) is the special case c = λ_min/2 with ‖(A − cI)⁻¹‖.
 * The supremum over φ is at the region's largest φ (h is increasing).
 *
 * v-block. With ‖v − v*‖² = 4 sin²(φ/2) and ⟨−∇_w L, v* − v⟩ = (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖)
 * (./dissipativity.ts), the required ε is
 *   4c sin²(φ/2) − (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖),
 * maximised over φ by a dense scan (the other variables enter monotonically: the smallest aᵀa* and,
 * when aᵀa* ≥ 0, the largest ‖e + w‖; when aᵀa* < 0, the smallest).
 */
import { hOfPhi } from '../model/angle-functions.ts';
import type { Teacher } from '../model/teacher.ts';
import { regionPhiMax, type PdBlock, type PdRegion } from './pd-region.ts';

export interface PdExact {
  /** sup of the required ε at c (null when not computed, with `note`). */
  readonly epsilon: number | null;
  /** The largest c with ε = 0 (null when no c > 0 works). */
  readonly cMax: number | null;
  readonly note: string;
}

/** (A − cI)⁻¹ applied as two scalars: y = α x + β (1ᵀx) 1. */
function shiftedInverse(k: number, shift: number): { alpha: number; beta: number; lamPerp: number; lamOne: number } {
  const lamPerp = (Math.PI - 1) / (2 * Math.PI) - shift;
  const lamOne = (Math.PI - 1 + k) / (2 * Math.PI) - shift;
  return { alpha: 1 / lamPerp, beta: (1 / lamOne - 1 / lamPerp) / k, lamPerp, lamOne };
}

/** sup over ‖x‖ ≤ radius (radius = ∞ allowed) of −xᵀ(A − cI)x − bᵀx, for b = s·a*. */
function aBlockSupremum(t: Teacher, c: number, s: number, radius: number): number {
  const k = t.k;
  // Split b along 1 and 1^⊥: b_1 = (1ᵀb/k)·1, ‖b_1‖² = (1ᵀb)²/k.
  const b1Sq = (s * t.aStarSum) ** 2 / k;
  const bPerpSq = Math.max(0, s * s * t.aStarNormSq - b1Sq);
  const m = shiftedInverse(k, c);
  const normAt = (mu: number): number => Math.sqrt(bPerpSq / (4 * (m.lamPerp + mu) ** 2) + b1Sq / (4 * (m.lamOne + mu) ** 2));
  const valueAt = (mu: number): number => {
    // x = −(M + μI)⁻¹ b/2 ⇒ −xᵀMx − bᵀx = Σ_j b_j²(2(λ_j + μ) − λ_j)/(4(λ_j + μ)²)
    const term = (bSq: number, lam: number): number => (bSq * (2 * (lam + mu) - lam)) / (4 * (lam + mu) ** 2);
    return term(bPerpSq, m.lamPerp) + term(b1Sq, m.lamOne);
  };
  if (normAt(0) <= radius) return valueAt(0);
  let lo = 0;
  let hi = 1;
  while (normAt(hi) > radius) hi *= 2;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normAt(mid) > radius) lo = mid;
    else hi = mid;
  }
  return valueAt(hi);
}

/** The exact constants of a block on a region at constant c (THEORY §4, D6/D7). */
export function exactPdConstants(t: Teacher, block: PdBlock, region: PdRegion, c: number): PdExact {
  const phiMax = regionPhiMax(region);
  const aStarNorm = Math.sqrt(t.aStarNormSq);
  if (block === 'a') {
    const lamMin = (Math.PI - 1) / (2 * Math.PI);
    if (!(c < lamMin)) {
      return { epsilon: null, cMax: lamMin, note: `c ≥ λ_min(A) = ${lamMin}: the supremum is not computed in closed form` };
    }
    const s = hOfPhi(phiMax) / (2 * Math.PI);
    if (region.kind === 'ball') {
      return {
        epsilon: aBlockSupremum(t, c, s, region.radius),
        cMax: null,
        note: 'trust-region maximum on ‖a − a*‖ ≤ radius at the largest φ; at ε = 0 no c > 0 works where h(φ) > 0 (a ≠ a* near a* − x*)',
      };
    }
    // r1 and bounded: a ranges over ‖a‖ ≤ aNormMax, i.e. x over a ball around −a*; the
    // unconstrained maximiser is used when it lies inside, else the value is an upper bound.
    const m = shiftedInverse(t.k, c);
    const unconstrained = aBlockSupremum(t, c, s, Infinity);
    // a = a* + x*, x* = −(A − cI)⁻¹ b / 2 with b = s a*: x* = −(s/2)(α a* + β(1ᵀa*)1).
    const xs = Array.from(t.aStar, (ai) => -(s / 2) * (m.alpha * ai + m.beta * t.aStarSum));
    const aAt = xs.map((x, j) => t.aStar[j] + x);
    const inside = Math.hypot(...aAt) <= region.aNormMax && (region.kind !== 'r1' || aAt.reduce((acc, x, j) => acc + x * t.aStar[j], 0) > 0);
    return {
      epsilon: unconstrained,
      cMax: null,
      note: inside
        ? 'attained (maximiser inside the region, at the largest φ); no c > 0 works at ε = 0 since h(φ) > 0 there'
        : 'upper bound: the unconstrained maximiser lies outside the region',
    };
  }
  // v-block.
  let aDotMin: number;
  let aDotMinPositive: boolean;
  if (region.kind === 'r1') {
    aDotMin = 0;
    aDotMinPositive = false;
  } else if (region.kind === 'ball') {
    aDotMin = aStarNorm * (aStarNorm - region.radius);
    aDotMinPositive = aDotMin > 0;
  } else {
    aDotMin = -region.aNormMax * aStarNorm;
    aDotMinPositive = false;
  }
  const r = aDotMin >= 0 ? region.rMax : region.rMin;
  let best = -Infinity;
  const n = 20000;
  for (let i = 0; i <= n; i++) {
    const phi = (phiMax * i) / n;
    const req = 4 * c * Math.sin(phi / 2) ** 2 - (aDotMin * (Math.PI - phi) * Math.sin(phi) ** 2) / (2 * Math.PI * r);
    if (req > best) best = req;
  }
  // inner/‖v − v*‖² = (aᵀa*)(π − φ)(1 + cos φ)/(4π‖e + w‖), decreasing in φ: its infimum is at φ_max.
  const cMax = aDotMinPositive
    ? (aDotMin * (Math.PI - phiMax) * (1 + Math.cos(phiMax))) / (4 * Math.PI * region.rMax)
    : null;
  return {
    epsilon: Math.max(0, best),
    cMax,
    note:
      region.kind === 'r1'
        ? 'supremum approached as aᵀa* → 0⁺ and φ → π/2 (not attained); no c > 0 works at ε = 0'
        : aDotMinPositive
          ? 'aᵀa* ≥ ‖a*‖(‖a*‖ − radius) > 0 on the ball'
          : 'aᵀa* can be ≤ 0 on the region: no c > 0 works at ε = 0',
  };
}
