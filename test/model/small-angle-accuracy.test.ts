/**
 * Full relative accuracy of φ and ∇_w L as φ → 0 (src/model/population-loss.ts, THEORY.md §2
 * "Numerics"): the kernel forms d = v* − v from w* − w, "so d keeps full relative accuracy as
 * φ → 0", and uses v* − cos φ·v = d + (‖d‖²/2)·v on the side φ ≤ π/2.
 *
 * The claim model.float-vs-reference allows max(1e-13, 1e-15/δ) there (δ = φ), i.e. 1e-3 at
 * φ = 1e-12: the conditioning of a general input. It therefore cannot tell the accurate form from
 * the other one, s − (‖s‖²/2)·v with s = v* + v, which cancels to an absolute error of ~u, a
 * relative error of ~u/φ (measured: at least 6·10³ u at φ = 1e-4, 10¹² u at φ = 1e-12), and
 * would pass it. Here the points are built so that the input is not ill-conditioned:
 * w = w* + φ‖e + w*‖·q with q a unit vector orthogonal to e + w*, so ‖w − w*‖ is of the size of φ
 * and the rounding of w adds no error beyond u relative to d. Against the 40-digit reference the
 * kernel is then accurate to a few ulps.
 */
import { describe, expect, it } from 'vitest';
import { normwiseRelativeError } from '../../src/claims/model.float-vs-reference.ts';
import type { ModelPoint } from '../../src/claims/model.point.ts';
import { evaluate } from '../../src/model/population-loss.ts';
import { makeTeacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { referenceEvaluateDecimal } from '../../src/reference/population-loss.ts';

const U = 2 ** -53;

/**
 * Tolerances in units of u: the smallest power of two at or above twice the measured maxima over
 * these points and three other seeds (∇_w L: 7.4 u; φ: 6.3 u).
 */
const GRAD_W_ULPS = 16;
const PHI_ULPS = 16;

interface SmallAnglePoint extends ModelPoint {
  readonly phi: number;
}

/** Teachers with p ∈ {2, …, 257}, and w at angle φ from w* along a direction orthogonal to e + w*. */
function smallAnglePoints(seed: number): SmallAnglePoint[] {
  const rng = new Rng(seed);
  const points: SmallAnglePoint[] = [];
  for (const p of [2, 3, 5, 16, 64, 257]) {
    const k = 3;
    for (let trial = 0; trial < 3; trial++) {
      const wStar = Array.from({ length: p }, () => 0.5 * rng.normal());
      const aStar = Array.from({ length: k }, () => rng.normal());
      const a = Array.from({ length: k }, () => rng.normal());
      const e = 1 / Math.sqrt(p);
      const u = wStar.map((x) => x + e);
      const normU = Math.hypot(...u);
      const xi = Array.from({ length: p }, () => rng.normal());
      const along = xi.reduce((s, x, i) => s + (x * u[i]) / normU, 0);
      const q = xi.map((x, i) => x - (along * u[i]) / normU);
      const normQ = Math.hypot(...q);
      for (const phi of [1e-4, 1e-7, 1e-10, 1e-13]) {
        const w = wStar.map((x, i) => x + (phi * normU * q[i]) / normQ);
        points.push({ p, k, w, a, wStar, aStar, phi });
      }
    }
  }
  return points;
}

describe('population-loss: accuracy as φ → 0 on well-conditioned inputs', () => {
  const points = smallAnglePoints(20191209);

  it(`should give φ and ∇_w L to ${PHI_ULPS} u and ${GRAD_W_ULPS} u relative for φ from 1e-4 down to 1e-13`, () => {
    for (const x of points) {
      const ref = referenceEvaluateDecimal(x, { digits: 40 });
      const f = evaluate(makeTeacher(Float64Array.from(x.wStar), Float64Array.from(x.aStar)), Float64Array.from(x.w), Float64Array.from(x.a));
      const where = `p = ${x.p}, φ ≈ ${x.phi} (reference φ = ${ref.phi.toNumber()})`;
      expect(normwiseRelativeError([f.phi], [ref.phi]) / U, `φ at ${where}`).toBeLessThanOrEqual(PHI_ULPS);
      expect(normwiseRelativeError(f.gradW, ref.gradW) / U, `∇_w L at ${where}`).toBeLessThanOrEqual(GRAD_W_ULPS);
    }
  });
});
