/**
 * Exact PD constants (THEORY.md §4) on the regions of ./pd-region.ts, to compare with the search.
 * For a block with target x*, the ε a point requires at constant c is c‖x − x*‖² − ⟨−∇_x L, x* − x⟩;
 * the best ε on a region is its supremum, and the largest c at ε = 0 the infimum of
 * ⟨−∇_x L, x* − x⟩ / ‖x − x*‖².
 *
 * a-block. With x = a − a*, ∇_a L = A x + (h/2π) a* (THEORY §2), so the required ε is
 *   c‖x‖² − xᵀAx − (h/2π) a*ᵀx = −xᵀ(A − cI)x − bᵀx,   b = (h(φ)/2π) a*.
 * For c < λ_min(A) its supremum over all x is bᵀ(A − cI)⁻¹b/4, attained at
 * x* = −(A − cI)⁻¹b/2; on ‖x‖ ≤ R it is the trust-region maximum (x(μ) = −(A − cI + μI)⁻¹b/2 with
 * ‖x(μ)‖ = R). (A − cI)⁻¹ has two eigenvalues (on 1 and on 1^⊥), so both are closed forms plus a
 * scalar root. λ_min(A) = (π−1)/2π, on 1^⊥, for k ≥ 2; at k = 1, 1^⊥ is empty and A = 1/2. D6's
 * bound h²‖a*‖²/(4π(π−1)) is the special case c = (π−1)/4π with ‖(A − cI)⁻¹‖.
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
import { aHessianEigenvalues } from './a-fixed-point.ts';
import { vBlockInner } from './dissipativity.ts';
import { regionPhiMax, type PdBlock, type PdRegion } from './pd-region.ts';

export interface PdExact {
  /** sup of the required ε at c (null when not computed, with `note`). */
  readonly epsilon: number | null;
  /** The largest c with ε = 0 (null when no c > 0 works). */
  readonly cMax: number | null;
  readonly note: string;
}

/** λ_min(A) for A = ((π−1)I + 11ᵀ)/2π of size k (module comment). */
function aHessianMin(k: number): number {
  const { orthogonal, ones } = aHessianEigenvalues(k);
  return k === 1 ? ones : orthogonal;
}

/** The eigenvalues of A − cI on 1^⊥ and on 1. */
function shiftedEigenvalues(k: number, shift: number): { lamPerp: number; lamOne: number } {
  const { orthogonal, ones } = aHessianEigenvalues(k);
  return { lamPerp: orthogonal - shift, lamOne: ones - shift };
}

/**
 * sup over ‖x‖ ≤ radius (radius = ∞ allowed) of −xᵀ(A − cI)x − bᵀx, for b = s·a*. With b split
 * along 1 and 1^⊥ (an empty part contributes nothing, whatever its eigenvalue: at k = 1 the one on
 * 1^⊥ may be ≤ 0).
 */
function aBlockSupremum(t: Teacher, c: number, s: number, radius: number): number {
  const k = t.k;
  // Split b along 1 and 1^⊥: b_1 = (1ᵀb/k)·1, ‖b_1‖² = (1ᵀb)²/k.
  const b1Sq = (s * t.aStarSum) ** 2 / k;
  const bPerpSq = k === 1 ? 0 : Math.max(0, s * s * t.aStarNormSq - b1Sq);
  const m = shiftedEigenvalues(k, c);
  const part = (bSq: number, lam: number, mu: number): number => (bSq === 0 ? 0 : bSq / (4 * (lam + mu) ** 2));
  const normAt = (mu: number): number => Math.sqrt(part(bPerpSq, m.lamPerp, mu) + part(b1Sq, m.lamOne, mu));
  const valueAt = (mu: number): number => {
    // x = −(M + μI)⁻¹ b/2 ⇒ −xᵀMx − bᵀx = Σ_j b_j²(2(λ_j + μ) − λ_j)/(4(λ_j + μ)²)
    const term = (bSq: number, lam: number): number => (bSq === 0 ? 0 : (bSq * (2 * (lam + mu) - lam)) / (4 * (lam + mu) ** 2));
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
    const lamMin = aHessianMin(t.k);
    if (!(c < lamMin)) {
      // −xᵀ(A − cI)x is unbounded above along the eigenvector of λ_min (at c = λ_min, −bᵀx is,
      // unless b ⟂ it); at ε = 0 no c > 0 works anyway where h(φ) > 0.
      return { epsilon: null, cMax: null, note: `c ≥ λ_min(A) = ${lamMin}: the supremum is not computed in closed form` };
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
    const m = shiftedEigenvalues(t.k, c);
    const unconstrained = aBlockSupremum(t, c, s, Infinity);
    // a = a* + x*, x* = −(A − cI)⁻¹ b / 2 with b = s a*: x* = −(s/2)((a* − mean)/λ_⊥ + mean/λ_1),
    // mean = (1ᵀa*/k)1 (at k = 1, a* − mean = 0).
    const mean = t.aStarSum / t.k;
    const xs = Array.from(t.aStar, (ai) => -(s / 2) * ((t.k === 1 ? 0 : (ai - mean) / m.lamPerp) + mean / m.lamOne));
    const aAt = xs.map((x, j) => t.aStar[j] + x);
    const inside = Math.hypot(...aAt) <= region.aNormMax && (region.kind !== 'r1' || aAt.reduce((acc, x, j) => acc + x * t.aStar[j], 0) > 0);
    return {
      epsilon: unconstrained,
      cMax: null,
      note: !inside
        ? 'upper bound: the unconstrained maximiser lies outside the region'
        : region.kind === 'r1'
          ? 'approached as φ → π/2 (R1 is open in φ), with a at the maximiser, which lies in R1; no c > 0 works at ε = 0 since h(φ) > 0 there'
          : 'attained (maximiser inside the region, at the largest φ); no c > 0 works at ε = 0 since h(φ) > 0 there',
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
    const req = 4 * c * Math.sin(phi / 2) ** 2 - vBlockInner(aDotMin, phi, r);
    if (req > best) best = req;
  }
  // inner/‖v − v*‖² = (aᵀa*)(π − φ)(1 + cos φ)/(4π‖e + w‖), decreasing in φ: its infimum is at φ_max
  // (0 at φ_max = π, where no c > 0 works).
  const ratioInf = (aDotMin * (Math.PI - phiMax) * (1 + Math.cos(phiMax))) / (4 * Math.PI * region.rMax);
  const cMax = aDotMinPositive && ratioInf > 0 ? ratioInf : null;
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
