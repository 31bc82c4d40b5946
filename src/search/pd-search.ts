/**
 * The PD constant search of THEORY.md §4: on a region (../theory/pd-region.ts) and for a block,
 * the smallest ε at a given c (the supremum of the required ε, searched from below) and the largest
 * c at ε = 0 (the infimum of ⟨−∇_x L, x* − x⟩/‖x − x*‖², searched from above), each by targeted
 * search over points drawn in the region by construction, then compared with the exact constants
 * of ../theory/pd-constants.ts. A search can only approach the supremum from below: the exact
 * value is the reference.
 */
import fc from 'fast-check';
import { finiteDouble, logUniform, normalized, rawVector } from '../claims/arbitraries.ts';
import type { Teacher } from '../model/teacher.ts';
import { atAngle, someOrthogonalUnit } from '../theory/geometry.ts';
import { pdSample, requiredEpsilon } from '../theory/dissipativity.ts';
import { exactPdConstants, type PdExact } from '../theory/pd-constants.ts';
import { checkRegion, regionPhiMax, type PdBlock, type PdRegion } from '../theory/pd-region.ts';
import { targetedSearch } from './targeted-search.ts';

export interface PdPoint {
  readonly w: number[];
  readonly a: number[];
}

/** Points (w, a) of the region, by construction. */
export function pdRegionArb(t: Teacher, region: PdRegion): fc.Arbitrary<PdPoint> {
  checkRegion(region);
  const aHat = Float64Array.from(t.aStar, (x) => x / Math.sqrt(t.aStarNormSq));
  return fc
    .record({
      phi: finiteDouble(0, regionPhiMax(region)),
      r: logUniform(region.rMin, region.rMax),
      wDirection: rawVector(t.p),
      aDirection: rawVector(t.k),
      rho: fc.oneof(fc.constant(1), finiteDouble(0, 1)),
    })
    .map(({ phi, r, wDirection, aDirection, rho }) => {
      const q = someOrthogonalUnit(wDirection, t.vStar);
      const u = atAngle(t.vStar, q, phi, r);
      const w = Array.from(u, (x) => x - t.e);
      let d = normalized(aDirection);
      let a: number[];
      if (region.kind === 'ball') {
        a = Array.from(t.aStar, (x, j) => x + region.radius * rho * d[j]);
      } else {
        if (region.kind === 'r1') {
          // Reflect d into the open half-space dᵀa* > 0 (tiny tilt when d ⟂ a*).
          const along = d.reduce((s, x, j) => s + x * aHat[j], 0);
          if (along <= 0) d = normalized(d.map((x, j) => x - 2 * along * aHat[j] + 1e-9 * aHat[j]));
        }
        a = d.map((x) => region.aNormMax * Math.max(rho, 1e-9) * x);
      }
      return { w, a };
    });
}

export interface PdSearchResult {
  readonly block: PdBlock;
  readonly c: number;
  /** The largest required ε found at c, and where. */
  readonly epsilonFound: number;
  readonly epsilonAt: PdPoint | null;
  /** The smallest ⟨−∇, x* − x⟩/‖x − x*‖² found (the largest c that works at ε = 0 on the samples). */
  readonly cMaxFound: number;
  readonly samples: number;
  readonly exact: PdExact;
}

function blockValues(t: Teacher, block: PdBlock, p: PdPoint): { inner: number; distSq: number } {
  const s = pdSample(t, Float64Array.from(p.w), Float64Array.from(p.a));
  return block === 'a' ? { inner: s.aInner, distSq: s.aDistSq } : { inner: s.vInner, distSq: s.vDistSq };
}

export function searchPdConstants(
  t: Teacher,
  block: PdBlock,
  region: PdRegion,
  c: number,
  options: { seed: number; timeMs: number; maxSamples?: number },
): PdSearchResult {
  const arb = pdRegionArb(t, region);
  const epsilonSearch = targetedSearch(
    arb,
    (p) => {
      const { inner, distSq } = blockValues(t, block, p);
      return -requiredEpsilon(c, inner, distSq);
    },
    { seed: options.seed, timeMs: options.timeMs / 2, maxSamples: options.maxSamples, stopBelow: -Infinity },
  );
  const ratioSearch = targetedSearch(
    arb,
    (p) => {
      const { inner, distSq } = blockValues(t, block, p);
      return distSq > 0 ? inner / distSq : Infinity;
    },
    { seed: options.seed + 1, timeMs: options.timeMs / 2, maxSamples: options.maxSamples, stopBelow: -Infinity },
  );
  return {
    block,
    c,
    epsilonFound: epsilonSearch.best === null ? NaN : -epsilonSearch.best.margin,
    epsilonAt: epsilonSearch.best?.value ?? null,
    cMaxFound: ratioSearch.best?.margin ?? NaN,
    samples: epsilonSearch.samples + ratioSearch.samples,
    exact: exactPdConstants(t, block, region, c),
  };
}
