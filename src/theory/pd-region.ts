/**
 * The sets on which partial dissipativity (THEORY.md §4) is searched and computed:
 *
 * - `r1`:      R1 = {aᵀa* > 0, φ < π/2} with ‖a‖ ≤ aNormMax and ‖e + w‖ ∈ [rMin, rMax];
 * - `ball`:    a ball around the optimum: ‖a − a*‖ ≤ radius, φ ≤ phiMax, ‖e + w‖ ∈ [rMin, rMax];
 * - `bounded`: the whole space with bounded norms: ‖a‖ ≤ aNormMax, φ ∈ [0, π], ‖e + w‖ ∈ [rMin, rMax].
 *
 * Norm bounds are ours: PD on the unbounded space fails for the v-block (D7 is unbounded below as
 * aᵀa* → −∞ or ‖e + w‖ → 0), so every region is bounded, and the answers depend on the bounds.
 */

export type PdBlock = 'a' | 'v';

export type PdRegion =
  | { readonly kind: 'r1'; readonly aNormMax: number; readonly rMin: number; readonly rMax: number }
  | { readonly kind: 'ball'; readonly radius: number; readonly phiMax: number; readonly rMin: number; readonly rMax: number }
  | { readonly kind: 'bounded'; readonly aNormMax: number; readonly rMin: number; readonly rMax: number };

export const PD_REGION_KINDS = ['r1', 'ball', 'bounded'] as const;

/** The largest φ in the region. */
export function regionPhiMax(region: PdRegion): number {
  switch (region.kind) {
    case 'r1':
      return Math.PI / 2;
    case 'ball':
      return region.phiMax;
    case 'bounded':
      return Math.PI;
  }
}

/** Throws a RangeError naming the first invalid bound. */
export function checkRegion(region: PdRegion): void {
  if (!(region.rMin > 0 && region.rMax >= region.rMin && Number.isFinite(region.rMax))) {
    throw new RangeError(`region needs 0 < rMin ≤ rMax < ∞ (got rMin = ${region.rMin}, rMax = ${region.rMax})`);
  }
  if (region.kind === 'ball') {
    if (!(region.radius > 0 && Number.isFinite(region.radius))) throw new RangeError(`radius must be positive (got ${region.radius})`);
    if (!(region.phiMax > 0 && region.phiMax <= Math.PI)) throw new RangeError(`phiMax must be in (0, π] (got ${region.phiMax})`);
  } else if (!(region.aNormMax > 0 && Number.isFinite(region.aNormMax))) {
    throw new RangeError(`aNormMax must be positive (got ${region.aNormMax})`);
  }
}
