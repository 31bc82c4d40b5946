/**
 * The partial-dissipativity quantities of src/theory/dissipativity.ts (THEORY.md §4, D3 and D6 of
 * §3), checked against:
 * - a 40-digit decimal.js recomputation (doubles converted exactly) of D6's constants
 *   c_a = (π − 1)/4π and ε(φ) = h(φ)²‖a*‖²/(4π(π−1));
 * - hand-computed values of the v-block inner product (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖);
 * - the float64 closed-form kernel (src/model/population-loss.ts, through pdSample): D6 holds at
 *   every point and is tight where its proof's two inequalities are equalities (a − a* ⟂ 1 and
 *   antiparallel to a*, of norm h‖a*‖/(π − 1)), and D3 (the v-block identity) holds at points
 *   built at a prescribed angle.
 */
import { describe, expect, it } from 'vitest';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { makeReferenceContext, type Decimal } from '../../src/reference/decimal-context.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { piAt } from '../../src/reference/series.ts';
import { A_BLOCK_C, aBlockEpsilon, pdSample, requiredEpsilon, vBlockInner } from '../../src/theory/dissipativity.ts';
import { atAngle, someOrthogonalUnit } from '../../src/theory/geometry.ts';

const D = makeReferenceContext(40);
const PI = piAt(40);

function relativeError(x: number, ref: Decimal): number {
  return Math.abs(doubleToDecimal(x, D).minus(ref).div(ref).toNumber());
}

/** A point θ = (w, a) with φ(w) = phi and ‖e + w‖ = r, for the given a. */
function pointAt(t: Teacher, phi: number, r: number): Float64Array {
  const q = someOrthogonalUnit(Float64Array.of(1, 0, 0, 0).subarray(0, t.p), t.vStar);
  const u = atAngle(t.vStar, q, phi, r);
  return Float64Array.from(u, (x) => x - t.e);
}

describe('D6 constants against a 40-digit recomputation', () => {
  it('should give c_a = (π − 1)/4π', () => {
    // measured relative error 5.3e-17 (the double nearest c_a); tolerance 1.2e-16 (one ulp).
    expect(relativeError(A_BLOCK_C, PI.minus(1).div(PI.times(4)))).toBeLessThanOrEqual(1.2e-16);
  });

  it('should give ε = h²‖a*‖²/(4π(π−1)), e.g. π/(4(π−1)) at h = π, ‖a*‖ = 1', () => {
    // measured relative error ≤ 2.1e-16 over these 20 pairs; tolerance 4e-16.
    for (const h of [Math.PI, 0.1, 1.7, 3e-9, 2.5]) {
      for (const n of [1, 0.37, 12.5, 1e-3]) {
        const ref = doubleToDecimal(h, D).pow(2).times(doubleToDecimal(n, D)).div(PI.times(4).times(PI.minus(1)));
        expect(relativeError(aBlockEpsilon(h, n), ref), `h = ${h}, ‖a*‖² = ${n}`).toBeLessThanOrEqual(4e-16);
      }
    }
    expect(aBlockEpsilon(0, 3)).toBe(0);
  });
});

describe('requiredEpsilon', () => {
  it('should be c·‖x − x*‖² − ⟨−∇_x L, x* − x⟩', () => {
    expect(requiredEpsilon(0.5, 1, 3)).toBe(0.5);
    expect(requiredEpsilon(2, 5, 1)).toBe(-3);
    expect(requiredEpsilon(0, -1.25, 7)).toBe(1.25);
  });
});

describe('vBlockInner: (aᵀa*)(π − φ) sin²φ/(2π‖e + w‖)', () => {
  it('should match hand-computed values', () => {
    // φ = π/6: sin²φ = 1/4, π − φ = 5π/6: 2·(5π/6)(1/4)/(2π·0.5) = 5/12.
    // φ = π/2: 1·(π/2)·1/(2π) = 1/4.  φ = π/3: 3·(2π/3)(3/4)/(4π) = 3/8.
    // measured relative error ≤ 2.7e-16 (5/12 is off by one ulp); tolerance 3e-16.
    const cases: [number, number, number, number][] = [
      [2, Math.PI / 6, 0.5, 5 / 12],
      [1, Math.PI / 2, 1, 1 / 4],
      [3, Math.PI / 3, 2, 3 / 8],
      [-3, Math.PI / 3, 2, -3 / 8],
    ];
    for (const [aDot, phi, r, expected] of cases) {
      const got = vBlockInner(aDot, phi, r);
      expect(Math.abs(got - expected), `aᵀa* = ${aDot}, φ = ${phi}, r = ${r}: ${got}`).toBeLessThanOrEqual(3e-16 * Math.abs(expected));
    }
  });

  it('should vanish at φ = 0 and φ = π and when aᵀa* = 0', () => {
    expect(vBlockInner(2, 0, 1)).toBe(0);
    expect(vBlockInner(2, Math.PI, 1)).toBe(0);
    expect(vBlockInner(0, 1, 1)).toBe(0);
  });
});

describe('pdSample against the closed-form kernel', () => {
  const cases: { aStar: number[]; wStar: number[] }[] = [
    { aStar: [1, -1, 0.5, -0.5], wStar: [0.2, -0.1, 0.4] },
    { aStar: [2, -0.5, -1.5], wStar: [-0.3, 0.25] },
    { aStar: [0.3, -0.3], wStar: [0.1, 0.1, -0.2, 0.05] },
  ];

  it('should satisfy D6 with equality where its proof is tight (1ᵀa* = 0, a − a* = −h a*/(π − 1))', () => {
    // ⟨−∇_a L, a* − a⟩ = xᵀAx + (h/2π)a*ᵀx (x = a − a*) ≥ λ_min‖x‖² − (h/2π)‖a*‖‖x‖ ≥ c_a‖x‖² − ε:
    // both equalities hold for x ⟂ 1 antiparallel to a* with ‖x‖ = h‖a*‖/(2πλ_min).
    // measured |inner − (c_a‖x‖² − ε)| ≤ 3.8e-16 · (c_a‖x‖² + ε) over these 12 points; tolerance 5e-16.
    for (const { aStar, wStar } of cases) {
      const t = makeTeacher(Float64Array.from(wStar), Float64Array.from(aStar));
      for (const phi of [0.3, 1, 2, 3]) {
        const w = pointAt(t, phi, 1.3);
        const h = pdSample(t, w, t.aStar).h;
        const a = Float64Array.from(t.aStar, (x) => x - (h / (Math.PI - 1)) * x);
        const s = pdSample(t, w, a);
        const eps = aBlockEpsilon(s.h, t.aStarNormSq);
        const gap = s.aInner - (A_BLOCK_C * s.aDistSq - eps);
        expect(Math.abs(gap), `a* = ${aStar}, φ = ${phi}`).toBeLessThanOrEqual(5e-16 * (A_BLOCK_C * s.aDistSq + eps));
      }
    }
  });

  it('should satisfy D6 as an inequality at other points', () => {
    // The slack is ≥ 0 exactly; measured min slack / (c_a‖x‖² + ε) = 7.4e-2 over these 36
    // points, far above rounding, so the check is strict.
    for (const { aStar, wStar } of cases) {
      const t = makeTeacher(Float64Array.from(wStar), Float64Array.from(aStar));
      for (const phi of [0.1, 1.2, 2.9]) {
        const w = pointAt(t, phi, 0.7);
        for (const scale of [-2, -0.5, 0.3, 1.5]) {
          const a = Float64Array.from(t.aStar, (x, j) => x + scale * (j % 2 === 0 ? 1 : -0.6) + 0.2 * scale * x);
          const s = pdSample(t, w, a);
          const rhs = A_BLOCK_C * s.aDistSq - aBlockEpsilon(s.h, t.aStarNormSq);
          expect(s.aInner, `a* = ${aStar}, φ = ${phi}, scale = ${scale}`).toBeGreaterThan(rhs);
        }
      }
    }
  });

  it('should give ⟨−∇_w L, v* − v⟩ = vBlockInner (D3) and ‖v − v*‖² = 4 sin²(φ/2)', () => {
    // measured relative error of the inner product ≤ 5.5e-16 for φ ≤ 2 and 1.16e-14 at φ = 3
    // (sin φ = 0.14 there: cot φ ≈ −7 amplifies the rounding of φ, twice); tolerance 2e-14.
    // ‖v − v*‖²: measured ≤ 4.7e-16 relative; tolerance 8e-16. φ: measured ≤ 5.6e-17 off,
    // ‖e + w‖: ≤ 2.2e-16 (one ulp of 1.3); tolerances 2e-16 and 4.5e-16.
    for (const { aStar, wStar } of cases) {
      const t = makeTeacher(Float64Array.from(wStar), Float64Array.from(aStar));
      for (const phi of [0.3, 1, 2, 3]) {
        const w = pointAt(t, phi, 1.3);
        const a = Float64Array.from(t.aStar, (x) => 0.5 * x + 0.1);
        const s = pdSample(t, w, a);
        const expected = vBlockInner(s.aDotAStar, s.phi, s.normU);
        expect(Math.abs(s.vInner - expected), `a* = ${aStar}, φ = ${phi}`).toBeLessThanOrEqual(2e-14 * Math.abs(expected));
        expect(Math.abs(s.vDistSq - 4 * Math.sin(s.phi / 2) ** 2)).toBeLessThanOrEqual(8e-16 * s.vDistSq);
        expect(Math.abs(s.phi - phi)).toBeLessThanOrEqual(2e-16);
        expect(Math.abs(s.normU - 1.3)).toBeLessThanOrEqual(4.5e-16);
      }
    }
  });
});
