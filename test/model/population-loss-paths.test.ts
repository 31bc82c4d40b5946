/**
 * Paths of src/model/population-loss.ts that ./population-loss.test.ts and ./special-cases.test.ts
 * do not tell apart, checked against the 40-digit reference (src/reference/, inputs taken exactly):
 * - ‖e + w‖ from pass 1's plain sum, from shiftedNorm when that sum is ≥ 1e280 (e + w ≈ 1e200·√p
 *   and 1e300), and from the double-double u when it is ≤ 1e-280 (w = −fl(e): every fl(e + w_i)
 *   is 0 but e + w is not);
 * - the difference form of d while 4p‖w − w*‖² ≤ min(‖u‖², ‖u*‖²) and the direct form beyond,
 *   with ‖u‖ recomputed by a compensated sum of squares for the direct form (φ from 1e-10 to
 *   π − 1e-10, ‖e + w‖/‖e + w*‖ from 1e-6 to 2, ‖e + w*‖ ≈ 1.8 and ≈ 100);
 * - u = e + w in double-double (its low part uLo, TwoSum's error of e + w_i, which for |w_i| < e
 *   lies in w_i's low bits) and the TwoProducts of squaresOfDS, which matter where s (φ near π)
 *   or the direct d (φ near 0) is small;
 * - the compensated ‖a − a*‖² (k = 3000, a − a* spread over six orders of magnitude);
 * - the argument checks (gradA's length, e + w = 0);
 * - descentStep (the fused GD step), bit for bit against lossAndGradient, the update and
 *   sumIterate, and its flags.
 *
 * Tolerances: each point's errors were measured (normwise relative, in units of u = 2^-53; the
 * table MEASURED below, 178 points, from this code on Node 20) and each is asserted within max(8, 4 × measured)
 * ulps. Those errors are far inside the claim model.float-vs-reference's allowance
 * max(1e-13, 1e-15/δ) (the large ones, up to 2e10 u ≈ 2e-6, are ∇_w L at φ or π − φ = 1e-10, where
 * that allowance is 1e-5); what the test pins is that no path loses a factor 4 on them.
 */
import { describe, expect, it } from 'vitest';
import { normwiseRelativeError } from '../../src/claims/model.float-vs-reference.ts';
import {
  descentStep,
  evaluateSums,
  lossAndGradient,
  newIterateSums,
  newLossState,
  STEP_CHANGED,
  STEP_NONFINITE_SUMS,
  sumIterate,
} from '../../src/model/population-loss.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { referenceEvaluateDecimal } from '../../src/reference/population-loss.ts';
import { atAngle, someOrthogonalUnit } from '../../src/theory/geometry.ts';

const U = 2 ** -53;

describe('population-loss: argument checks', () => {
  const t = makeTeacher(Float64Array.of(0.1, -0.2, 0.3, 0), Float64Array.of(1, 2));

  it('should name gradA when its length is not k', () => {
    const call = () => lossAndGradient(t, new Float64Array(4), new Float64Array(2), new Float64Array(4), new Float64Array(3), newLossState());
    expect(call).toThrow(RangeError);
    expect(call).toThrow('gradA must have length k = 2 (got 3)');
  });

  it('should say that e + w is zero when it is exactly zero (p = 4, e = 1/2 exactly)', () => {
    const call = () =>
      lossAndGradient(t, new Float64Array(4).fill(-0.5), new Float64Array(2), new Float64Array(4), new Float64Array(2), newLossState());
    expect(call).toThrow(RangeError);
    expect(call).toThrow('e + w must be non-zero (got ‖e + w‖ = 0)');
  });
});

/** A deterministic point: teacher, student and a label. */
interface Point {
  label: string;
  t: Teacher;
  w: Float64Array;
  a: Float64Array;
}

function teacherOf(rng: Rng, p: number, k: number, wScale: number): Teacher {
  return makeTeacher(
    Float64Array.from(rng.fillNormal(new Float64Array(p)), (x) => (wScale * x) / Math.sqrt(p)),
    rng.fillNormal(new Float64Array(k)),
  );
}

/** e + w at angle φ from e + w* with ‖e + w‖ = r‖e + w*‖, and a random a. */
function atAngleFromTeacher(rng: Rng, t: Teacher, phi: number, r: number): { w: Float64Array; a: Float64Array } {
  const u = atAngle(t.vStar, someOrthogonalUnit(rng.fillNormal(new Float64Array(t.p)), t.vStar), phi, r * t.normUStar);
  return { w: Float64Array.from(u, (x) => x - t.e), a: rng.fillNormal(new Float64Array(t.k)) };
}

function points(): Point[] {
  const rng = new Rng(29);
  const out: Point[] = [];
  const angles = [1e-10, 1e-5, 3e-3, 0.05, 1.2, Math.PI / 2 - 1e-3, Math.PI / 2 + 1e-3, 2.5, Math.PI - 1e-5, Math.PI - 1e-10];
  // ‖e + w*‖ ≈ 1.4 (wScale 1) and ≈ 100 (wScale 100): the latter separates min(‖u‖², ‖u*‖²) from 1.
  for (const [p, wScale] of [
    [3, 1],
    [40, 1],
    [3, 100],
    [40, 100],
  ] as const) {
    const t = teacherOf(rng, p, 4, wScale);
    for (const phi of angles) {
      for (const r of [1e-6, 1e-3, 1, 2]) out.push({ label: `p=${p} |u*|=${t.normUStar.toPrecision(2)} phi=${phi.toPrecision(3)} r=${r}`, t, ...atAngleFromTeacher(rng, t, phi, r) });
    }
  }
  for (const p of [3, 40, 500]) {
    const t = teacherOf(rng, p, 4, 1);
    // ‖e + w‖ ≈ 1e200·√p (pass 1's ‖u‖² overflows: the scaled path), and e + w ≈ −1e300·w*.
    out.push({ label: `p=${p} huge`, t, w: Float64Array.from(rng.fillNormal(new Float64Array(p)), (x) => 1e200 * x), a: rng.fillNormal(new Float64Array(4)) });
    out.push({ label: `p=${p} huge, opposite`, t, w: Float64Array.from(t.wStar, (x) => -1e300 * x), a: rng.fillNormal(new Float64Array(4)) });
    // w = −fl(e): every fl(e + w_i) is 0, e + w = (1/√p − fl(1/√p))·1 ≠ 0 (about 1e-17).
    out.push({ label: `p=${p} tiny`, t, w: new Float64Array(p).fill(-t.e), a: rng.fillNormal(new Float64Array(4)) });
  }
  {
    // k = 3000 with a − a* spread over six orders of magnitude: ‖a − a*‖² needs its compensation.
    const t = teacherOf(rng, 5, 3000, 1);
    const w = Float64Array.from(rng.fillNormal(new Float64Array(5)), (x) => x / 3);
    out.push({ label: 'k=3000 spread', t, w, a: Float64Array.from(t.aStar, (x, j) => x + (j % 7 === 0 ? 1e3 : 1e-3) * ((j % 3) - 1)) });
  }
  for (const p of [3, 40]) {
    // |w_i| < e: fl(e + w_i)'s rounding error is all in w_i's low bits (TwoSum's wi − z), and it
    // decides s near φ = π (e + w* ≈ −e·1) and the direct d near φ = 0 (‖e + w‖ = 0.6‖e + w*‖).
    const e = 1 / Math.sqrt(p);
    for (const [shift, phi, r] of [
      [-2, Math.PI - 1e-8, 1],
      [-2, Math.PI - 1e-4, 1],
      [0, 1e-8, 0.6],
      [0, 1e-4, 0.6],
    ] as const) {
      const t = makeTeacher(
        Float64Array.from(rng.fillNormal(new Float64Array(p)), (x) => shift * e + (0.1 * x) / Math.sqrt(p)),
        rng.fillNormal(new Float64Array(4)),
      );
      const { w, a } = atAngleFromTeacher(rng, t, phi, r);
      // fl(u − e) + e is often exact; noise at 1e-12 of e gives w_i arbitrary low bits (and moves
      // φ by about 1e-12, which the reference sees exactly).
      const noisy = Float64Array.from(rng.fillNormal(new Float64Array(p)), (x, i) => w[i] + 1e-12 * e * x);
      out.push({ label: `p=${p} |w| < e phi=${phi.toPrecision(3)} r=${r}`, t, w: noisy, a });
    }
  }
  return out;
}

/** Errors of [L, φ, π − φ, ∇_w L, ∇_a L] at points() in units of u, as measured (two digits). */
const MEASURED: readonly (readonly number[])[] = [
  [0.022, 2.1e+3, 0.50, 2.2e+9, 0.47], // p=3 |u*|=1.8 phi=1.00e-10 r=0.000001
  [2.1, 2.1e+3, 0, 1.6e+10, 0.24], // p=3 |u*|=1.8 phi=1.00e-10 r=0.001
  [0.61, 0.44, 0.37, 0.65, 0.81], // p=3 |u*|=1.8 phi=1.00e-10 r=1
  [0.079, 1.2e+2, 0.38, 8.9e+9, 1.6], // p=3 |u*|=1.8 phi=1.00e-10 r=2
  [0.66, 0.31, 0.20, 1.2e+5, 0.94], // p=3 |u*|=1.8 phi=0.0000100 r=0.000001
  [0.83, 1.1, 0.16, 4.1e+4, 0.52], // p=3 |u*|=1.8 phi=0.0000100 r=0.001
  [0.30, 2.2, 0.45, 0.50, 0.45], // p=3 |u*|=1.8 phi=0.0000100 r=1
  [0.17, 0.75, 0.55, 8.2e+4, 0.48], // p=3 |u*|=1.8 phi=0.0000100 r=2
  [0.61, 0.40, 0.36, 3.7e+2, 0.45], // p=3 |u*|=1.8 phi=0.00300 r=0.000001
  [1.0, 0.34, 0.53, 2.6e+2, 0.91], // p=3 |u*|=1.8 phi=0.00300 r=0.001
  [0.62, 2.6, 0.55, 1.2, 0.95], // p=3 |u*|=1.8 phi=0.00300 r=1
  [0.18, 1.8, 0.57, 3.2e+2, 0.76], // p=3 |u*|=1.8 phi=0.00300 r=2
  [1.0, 0.63, 0.26, 24, 0.64], // p=3 |u*|=1.8 phi=0.0500 r=0.000001
  [0.53, 1.6, 0.38, 6.4, 1.2], // p=3 |u*|=1.8 phi=0.0500 r=0.001
  [1.1, 1.2, 0.11, 1.9, 1.4], // p=3 |u*|=1.8 phi=0.0500 r=1
  [1.7, 1.3, 0.27, 12, 1.8], // p=3 |u*|=1.8 phi=0.0500 r=2
  [0.64, 0.76, 0.098, 1.2, 0.69], // p=3 |u*|=1.8 phi=1.20 r=0.000001
  [0.40, 0.38, 0.23, 1.3, 1.2], // p=3 |u*|=1.8 phi=1.20 r=0.001
  [0.14, 0.10, 0.50, 0.75, 2.4], // p=3 |u*|=1.8 phi=1.20 r=1
  [1.1, 0.69, 1.0, 0.92, 0.81], // p=3 |u*|=1.8 phi=1.20 r=2
  [0.77, 0.20, 0.77, 2.2, 0.45], // p=3 |u*|=1.8 phi=1.57 r=0.000001
  [1.4, 0.34, 0.37, 2.2, 1.1], // p=3 |u*|=1.8 phi=1.57 r=0.001
  [0.17, 0.50, 0.20, 0.68, 2.4], // p=3 |u*|=1.8 phi=1.57 r=1
  [2.4, 1.2, 1.8, 2.0, 1.7], // p=3 |u*|=1.8 phi=1.57 r=2
  [0.17, 0.063, 0.51, 2.0, 2.3], // p=3 |u*|=1.8 phi=1.57 r=0.000001
  [0.33, 0.46, 0.11, 2.4, 0.47], // p=3 |u*|=1.8 phi=1.57 r=0.001
  [3.5, 1.0, 1.7, 1.0, 3.3], // p=3 |u*|=1.8 phi=1.57 r=1
  [0.048, 0.65, 0.075, 0.71, 0.64], // p=3 |u*|=1.8 phi=1.57 r=2
  [0.50, 0.040, 0, 1.3, 0.84], // p=3 |u*|=1.8 phi=2.50 r=0.000001
  [0.66, 0.091, 2.1, 3.0, 0.39], // p=3 |u*|=1.8 phi=2.50 r=0.001
  [2.5, 0.69, 0.99, 2.2, 1.1], // p=3 |u*|=1.8 phi=2.50 r=1
  [1.7, 0.46, 0.41, 2.7, 0.26], // p=3 |u*|=1.8 phi=2.50 r=2
  [0.12, 0.42, 1.6, 4.3e+4, 0.79], // p=3 |u*|=1.8 phi=3.14 r=0.000001
  [1.7, 0.46, 1.1, 1.1e+5, 0.21], // p=3 |u*|=1.8 phi=3.14 r=0.001
  [1.1, 0.29, 1.0, 1.0e+5, 0.92], // p=3 |u*|=1.8 phi=3.14 r=1
  [0.60, 0, 0.45, 9.5e+4, 1.8], // p=3 |u*|=1.8 phi=3.14 r=2
  [1.3, 0.52, 4.6e+3, 7.6e+9, 0.86], // p=3 |u*|=1.8 phi=3.14 r=0.000001
  [1.2, 0.33, 83, 5.2e+9, 0.66], // p=3 |u*|=1.8 phi=3.14 r=0.001
  [0.75, 0.35, 43, 1.0e+10, 1.2], // p=3 |u*|=1.8 phi=3.14 r=1
  [0.53, 0.14, 9.2e+2, 1.0e+10, 0.53], // p=3 |u*|=1.8 phi=3.14 r=2
  [0.80, 1.3e+3, 0.24, 8.5e+9, 0.61], // p=40 |u*|=1.5 phi=1.00e-10 r=0.000001
  [0.58, 84, 0.080, 7.0e+9, 0.88], // p=40 |u*|=1.5 phi=1.00e-10 r=0.001
  [0.72, 0.39, 0.43, 0.77, 0.32], // p=40 |u*|=1.5 phi=1.00e-10 r=1
  [0.16, 1.4e+3, 0.39, 7.2e+9, 1.2], // p=40 |u*|=1.5 phi=1.00e-10 r=2
  [0.29, 2.6, 0.079, 1.1e+5, 0.31], // p=40 |u*|=1.5 phi=0.0000100 r=0.000001
  [0.86, 1.0, 0.46, 6.9e+4, 1.0], // p=40 |u*|=1.5 phi=0.0000100 r=0.001
  [1.6, 1.6, 0.54, 1.0, 0.30], // p=40 |u*|=1.5 phi=0.0000100 r=1
  [1.6, 1.2, 0.53, 6.8e+4, 1.1], // p=40 |u*|=1.5 phi=0.0000100 r=2
  [0.41, 0.92, 0.62, 3.0e+2, 1.2], // p=40 |u*|=1.5 phi=0.00300 r=0.000001
  [1.2, 0.66, 0.39, 2.5e+2, 0.48], // p=40 |u*|=1.5 phi=0.00300 r=0.001
  [0.094, 4.1, 0.54, 2.4, 0.24], // p=40 |u*|=1.5 phi=0.00300 r=1
  [1.0, 1.7, 0.60, 2.7e+2, 0.88], // p=40 |u*|=1.5 phi=0.00300 r=2
  [0.96, 0.33, 0.32, 26, 0.69], // p=40 |u*|=1.5 phi=0.0500 r=0.000001
  [1.9, 3.0, 0.019, 22, 0.87], // p=40 |u*|=1.5 phi=0.0500 r=0.001
  [0.45, 1.0, 0.19, 1.8, 0.62], // p=40 |u*|=1.5 phi=0.0500 r=1
  [0.12, 2.6, 0.17, 16, 1.0], // p=40 |u*|=1.5 phi=0.0500 r=2
  [0.45, 0.29, 0.64, 1.5, 0.77], // p=40 |u*|=1.5 phi=1.20 r=0.000001
  [0.73, 0.44, 0.84, 1.9, 0.57], // p=40 |u*|=1.5 phi=1.20 r=0.001
  [0, 0.25, 0.41, 1.8, 0.89], // p=40 |u*|=1.5 phi=1.20 r=1
  [0.12, 1.5, 1.5, 2.3, 0.72], // p=40 |u*|=1.5 phi=1.20 r=2
  [1.0, 0.57, 0.14, 2.5, 0.78], // p=40 |u*|=1.5 phi=1.57 r=0.000001
  [0.32, 1.9, 1.2, 3.4, 1.4], // p=40 |u*|=1.5 phi=1.57 r=0.001
  [2.4, 1.3, 0.55, 2.0, 1.4], // p=40 |u*|=1.5 phi=1.57 r=1
  [2.7, 0.21, 0.91, 1.9, 0.67], // p=40 |u*|=1.5 phi=1.57 r=2
  [3.0, 0.50, 1.1, 2.6, 1.6], // p=40 |u*|=1.5 phi=1.57 r=0.000001
  [2.3, 1.7, 1.1, 2.8, 1.3], // p=40 |u*|=1.5 phi=1.57 r=0.001
  [0.16, 0.23, 0.47, 2.2, 2.7], // p=40 |u*|=1.5 phi=1.57 r=1
  [0.42, 2.1, 1.5, 1.9, 1.5], // p=40 |u*|=1.5 phi=1.57 r=2
  [2.0, 0.069, 1.5, 2.1, 0.93], // p=40 |u*|=1.5 phi=2.50 r=0.000001
  [2.2, 0.70, 1.0, 2.0, 1.5], // p=40 |u*|=1.5 phi=2.50 r=0.001
  [0.36, 0.43, 0.060, 2.0, 1.0], // p=40 |u*|=1.5 phi=2.50 r=1
  [0.28, 0.33, 0.42, 1.6, 0.63], // p=40 |u*|=1.5 phi=2.50 r=2
  [0.014, 0.63, 0.63, 5.5e+4, 0.77], // p=40 |u*|=1.5 phi=3.14 r=0.000001
  [0.12, 0.40, 2.9, 9.4e+4, 0.63], // p=40 |u*|=1.5 phi=3.14 r=0.001
  [1.1, 0.050, 1.7, 1.0e+5, 0.84], // p=40 |u*|=1.5 phi=3.14 r=1
  [1.1, 0.070, 2.0, 1.2e+5, 0.75], // p=40 |u*|=1.5 phi=3.14 r=2
  [0.024, 0.60, 2.1e+2, 6.6e+9, 0.20], // p=40 |u*|=1.5 phi=3.14 r=0.000001
  [1.9, 0.016, 1.6, 6.8e+9, 1.2], // p=40 |u*|=1.5 phi=3.14 r=0.001
  [0.27, 0.18, 6.3e+3, 1.1e+10, 0.59], // p=40 |u*|=1.5 phi=3.14 r=1
  [0.66, 0.011, 9.3e+3, 1.2e+10, 0.33], // p=40 |u*|=1.5 phi=3.14 r=2
  [0.25, 2.6e+3, 0.19, 9.9e+9, 1.7], // p=3 |u*|=74 phi=1.00e-10 r=0.000001
  [0.73, 1.6e+4, 0.11, 2.0e+10, 0.74], // p=3 |u*|=74 phi=1.00e-10 r=0.001
  [2.0, 0.78, 0.26, 0.70, 0.25], // p=3 |u*|=74 phi=1.00e-10 r=1
  [0.93, 6.3e+3, 0.63, 1.5e+10, 0.58], // p=3 |u*|=74 phi=1.00e-10 r=2
  [0.92, 1.5, 0.21, 1.3e+5, 0.86], // p=3 |u*|=74 phi=0.0000100 r=0.000001
  [1.1, 1.8, 0.033, 4.2e+4, 0.97], // p=3 |u*|=74 phi=0.0000100 r=0.001
  [0, 0.080, 0.61, 0.51, 0.64], // p=3 |u*|=74 phi=0.0000100 r=1
  [0.58, 1.9, 0.57, 1.0e+5, 0.59], // p=3 |u*|=74 phi=0.0000100 r=2
  [1.8, 1.7, 0.092, 2.5e+2, 0.57], // p=3 |u*|=74 phi=0.00300 r=0.000001
  [0.92, 0.51, 0.18, 7.0e+2, 1.2], // p=3 |u*|=74 phi=0.00300 r=0.001
  [0.86, 0.52, 0.50, 0.81, 0.19], // p=3 |u*|=74 phi=0.00300 r=1
  [2.1, 0.16, 0.58, 4.7e+2, 0.20], // p=3 |u*|=74 phi=0.00300 r=2
  [1.5, 0.42, 0.63, 35, 0.43], // p=3 |u*|=74 phi=0.0500 r=0.000001
  [0.95, 0.14, 0.27, 46, 0.74], // p=3 |u*|=74 phi=0.0500 r=0.001
  [0.68, 0.92, 0.11, 3.4, 1.5], // p=3 |u*|=74 phi=0.0500 r=1
  [1.3, 1.3, 0.29, 40, 0.44], // p=3 |u*|=74 phi=0.0500 r=2
  [0.75, 0.28, 0.29, 0.46, 1.2], // p=3 |u*|=74 phi=1.20 r=0.000001
  [0.15, 2.7, 1.1, 2.2, 1.9], // p=3 |u*|=74 phi=1.20 r=0.001
  [0.36, 0.51, 0.25, 1.4, 0.82], // p=3 |u*|=74 phi=1.20 r=1
  [0.56, 2.1, 0.83, 0.45, 2.3], // p=3 |u*|=74 phi=1.20 r=2
  [1.1, 1.1, 0.53, 2.2, 2.8], // p=3 |u*|=74 phi=1.57 r=0.000001
  [1.1, 0.42, 0.29, 1.6, 1.5], // p=3 |u*|=74 phi=1.57 r=0.001
  [1.1, 0.85, 1.4, 3.2, 2.9], // p=3 |u*|=74 phi=1.57 r=1
  [0.16, 0.75, 0.18, 2.4, 0.97], // p=3 |u*|=74 phi=1.57 r=2
  [1.2, 0.68, 0.023, 2.7, 0.68], // p=3 |u*|=74 phi=1.57 r=0.000001
  [4.5, 0.44, 0.26, 4.6, 0.64], // p=3 |u*|=74 phi=1.57 r=0.001
  [0.30, 0.15, 0.55, 1.6, 0.93], // p=3 |u*|=74 phi=1.57 r=1
  [2.1, 0.027, 0.73, 2.2, 0.94], // p=3 |u*|=74 phi=1.57 r=2
  [0.21, 0.033, 0.29, 4.3, 1.6], // p=3 |u*|=74 phi=2.50 r=0.000001
  [0.087, 0.36, 1.3, 2.0, 0.95], // p=3 |u*|=74 phi=2.50 r=0.001
  [1.6, 0.18, 0.87, 3.1, 0.47], // p=3 |u*|=74 phi=2.50 r=1
  [0.44, 0.19, 2.2, 5.1, 0.42], // p=3 |u*|=74 phi=2.50 r=2
  [0.20, 0.63, 0.17, 1.3e+5, 0.46], // p=3 |u*|=74 phi=3.14 r=0.000001
  [1.3, 0.14, 1.3, 1.3e+5, 0.87], // p=3 |u*|=74 phi=3.14 r=0.001
  [0.80, 0, 0.19, 9.6e+4, 1.4], // p=3 |u*|=74 phi=3.14 r=1
  [0.67, 0.24, 2.3, 1.9e+5, 1.4], // p=3 |u*|=74 phi=3.14 r=2
  [6.0, 0.11, 2.9e+3, 1.1e+10, 1.0], // p=3 |u*|=74 phi=3.14 r=0.000001
  [0.24, 0.43, 1.2e+3, 7.6e+9, 0.86], // p=3 |u*|=74 phi=3.14 r=0.001
  [1.7, 0.16, 9.9e+3, 1.7e+10, 0.49], // p=3 |u*|=74 phi=3.14 r=1
  [3.5, 0.19, 9.0e+3, 1.7e+10, 1.0], // p=3 |u*|=74 phi=3.14 r=2
  [1.4, 4.5e+2, 0.093, 8.0e+9, 0.66], // p=40 |u*|=92 phi=1.00e-10 r=0.000001
  [0.087, 4.4e+3, 0.62, 1.1e+10, 0.99], // p=40 |u*|=92 phi=1.00e-10 r=0.001
  [1.6, 0.095, 0.42, 3.1, 0.78], // p=40 |u*|=92 phi=1.00e-10 r=1
  [1.2, 1.6e+3, 0.38, 7.2e+9, 0.20], // p=40 |u*|=92 phi=1.00e-10 r=2
  [0.48, 0.32, 0.56, 7.6e+4, 0.75], // p=40 |u*|=92 phi=0.0000100 r=0.000001
  [0.42, 3.4, 0.51, 8.0e+4, 0.23], // p=40 |u*|=92 phi=0.0000100 r=0.001
  [0.29, 0.15, 0.49, 1.5, 0.50], // p=40 |u*|=92 phi=0.0000100 r=1
  [1.9, 0, 0.51, 5.5e+4, 0.36], // p=40 |u*|=92 phi=0.0000100 r=2
  [1.6, 0.81, 0.071, 2.1e+2, 0.44], // p=40 |u*|=92 phi=0.00300 r=0.000001
  [1.7, 0.63, 0.57, 2.7e+2, 0.30], // p=40 |u*|=92 phi=0.00300 r=0.001
  [1.0, 0.48, 0.61, 0.80, 0.24], // p=40 |u*|=92 phi=0.00300 r=1
  [0.13, 0.45, 0.57, 2.5e+2, 1.2], // p=40 |u*|=92 phi=0.00300 r=2
  [0.37, 0.011, 0.32, 13, 0.80], // p=40 |u*|=92 phi=0.0500 r=0.000001
  [0.49, 3.3, 0.67, 17, 0.34], // p=40 |u*|=92 phi=0.0500 r=0.001
  [1.3, 1.6, 0.11, 2.7, 0.81], // p=40 |u*|=92 phi=0.0500 r=1
  [0.051, 1.5, 0.19, 24, 0.73], // p=40 |u*|=92 phi=0.0500 r=2
  [0.25, 2.1, 0.70, 2.1, 4.0], // p=40 |u*|=92 phi=1.20 r=0.000001
  [0.017, 1.8, 0.54, 3.1, 1.7], // p=40 |u*|=92 phi=1.20 r=0.001
  [0.24, 1.5, 0.38, 1.9, 1.5], // p=40 |u*|=92 phi=1.20 r=1
  [0, 3.1, 1.4, 3.0, 3.7], // p=40 |u*|=92 phi=1.20 r=2
  [1.0, 0.93, 0.23, 3.9, 1.2], // p=40 |u*|=92 phi=1.57 r=0.000001
  [0.48, 0.99, 0.29, 2.6, 2.3], // p=40 |u*|=92 phi=1.57 r=0.001
  [0.79, 1.4, 0.70, 1.9, 3.6], // p=40 |u*|=92 phi=1.57 r=1
  [0.28, 0.94, 0.24, 1.7, 2.6], // p=40 |u*|=92 phi=1.57 r=2
  [0.22, 0.80, 0.097, 2.7, 1.1], // p=40 |u*|=92 phi=1.57 r=0.000001
  [4.8, 0.87, 1.4, 3.9, 1.7], // p=40 |u*|=92 phi=1.57 r=0.001
  [0.77, 0.097, 0.47, 3.0, 0.72], // p=40 |u*|=92 phi=1.57 r=1
  [2.0, 0.076, 0.65, 3.9, 0.58], // p=40 |u*|=92 phi=1.57 r=2
  [0.70, 0.34, 1.5, 2.4, 0.84], // p=40 |u*|=92 phi=2.50 r=0.000001
  [0.71, 0.53, 0.36, 1.5, 0.87], // p=40 |u*|=92 phi=2.50 r=0.001
  [0.15, 0.026, 1.6, 1.8, 0.62], // p=40 |u*|=92 phi=2.50 r=1
  [1.3, 0, 1.4, 2.6, 1.2], // p=40 |u*|=92 phi=2.50 r=2
  [0.31, 0.25, 2.2, 7.6e+4, 1.0], // p=40 |u*|=92 phi=3.14 r=0.000001
  [0.51, 0.13, 3.3, 7.6e+4, 0.80], // p=40 |u*|=92 phi=3.14 r=0.001
  [0.54, 0.043, 0.50, 7.4e+4, 1.1], // p=40 |u*|=92 phi=3.14 r=1
  [0.61, 0.046, 0.38, 5.5e+4, 1.2], // p=40 |u*|=92 phi=3.14 r=2
  [2.0, 0.39, 1.9e+2, 6.3e+9, 0.81], // p=40 |u*|=92 phi=3.14 r=0.000001
  [0.74, 0.32, 1.1e+3, 7.2e+9, 1.2], // p=40 |u*|=92 phi=3.14 r=0.001
  [0.075, 0.028, 3.5e+3, 1.1e+10, 0.84], // p=40 |u*|=92 phi=3.14 r=1
  [1.9, 0.038, 1.9e+3, 8.1e+9, 0.93], // p=40 |u*|=92 phi=3.14 r=2
  [0.58, 0.88, 0.057, 0.93, 1.5], // p=3 huge
  [0.47, 1.0, 1.3, 3.0, 1.2], // p=3 huge, opposite
  [1.4, 1.2, 0.64, 2.8, 1.1], // p=3 tiny
  [0.27, 1.5, 1.7, 3.1, 1.2], // p=40 huge
  [1.2, 0.40, 0.20, 1.6, 1.9], // p=40 huge, opposite
  [0.90, 0.30, 0.76, 2.2, 1.1], // p=40 tiny
  [0.84, 5.0, 4.4, 14, 4.0], // p=500 huge
  [0.43, 1.2, 2.3, 7.5, 0.57], // p=500 huge, opposite
  [0.47, 0.81, 2.5, 13, 0.90], // p=500 tiny
  [0.21, 0.22, 0.32, 3.5, 1.3], // k=3000 spread
  [1.0, 0.15, 0.15, 8.7e+7, 0.51], // p=3 |w| < e phi=3.14 r=1
  [1.6, 0.19, 0.77, 5.2e+3, 0.97], // p=3 |w| < e phi=3.14 r=1
  [0.31, 2.1, 0.39, 2.0e+7, 0.58], // p=3 |w| < e phi=1.00e-8 r=0.6
  [0.21, 0.56, 0, 3.8e+3, 0.65], // p=3 |w| < e phi=0.000100 r=0.6
  [1.1, 0.58, 0.99, 6.3e+7, 0.86], // p=40 |w| < e phi=3.14 r=1
  [0.46, 0.28, 0.93, 1.3e+4, 0.71], // p=40 |w| < e phi=3.14 r=1
  [1.3, 1.9, 0.081, 6.8e+7, 0.20], // p=40 |w| < e phi=1.00e-8 r=0.6
  [0.16, 1.1, 0.23, 1.7e+4, 0.57], // p=40 |w| < e phi=0.000100 r=0.6
];

const OUTPUTS = ['L', 'φ', 'π − φ', '∇_w L', '∇_a L'] as const;

describe('population-loss: every path against the reference', () => {
  it('should keep each output within 4 times its measured error at every point', () => {
    const pts = points();
    expect(pts.length).toBe(MEASURED.length);
    const failures: string[] = [];
    for (let n = 0; n < pts.length; n++) {
      const { label, t, w, a } = pts[n];
      const gradW = new Float64Array(t.p);
      const gradA = new Float64Array(t.k);
      const state = newLossState();
      const loss = lossAndGradient(t, w, a, gradW, gradA, state);
      const ref = referenceEvaluateDecimal({ p: t.p, k: t.k, w, a, wStar: t.wStar, aStar: t.aStar }, { digits: 40 });
      const errors = [
        normwiseRelativeError([loss], [ref.loss]),
        normwiseRelativeError([state.phi], [ref.phi]),
        normwiseRelativeError([state.piMinusPhi], [ref.piMinusPhi]),
        normwiseRelativeError(gradW, ref.gradW),
        normwiseRelativeError(gradA, ref.gradA),
      ];
      for (let o = 0; o < OUTPUTS.length; o++) {
        const ulps = errors[o] / U;
        const tolerance = Math.max(8, 4 * MEASURED[n][o]);
        if (!(ulps <= tolerance)) failures.push(`${label}: ${OUTPUTS[o]} off by ${ulps.toPrecision(3)} u (measured ${MEASURED[n][o]} u)`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('population-loss: descentStep against lossAndGradient and sumIterate', () => {
  /**
   * descentStep computes each gradient entry as lossAndGradient does and inlines sumIterate (Dot2,
   * Sum2, the TwoSum-compensated ‖a − a*‖²) for the new iterate, operation for operation, so both
   * the new iterate and its sums agree bit for bit (its contract, module comment). Four points:
   * φ ≤ π/2 and φ > π/2, each with d in the difference and in the direct form.
   */
  function state(t: Teacher, w: Float64Array, a: Float64Array, etaW: number, etaA: number) {
    const sums = newIterateSums();
    const st = newLossState();
    sumIterate(t, w, a, sums);
    evaluateSums(t, w, sums, st);
    sums.etaW = etaW;
    sums.etaA = etaA;
    return { sums, st };
  }

  const rng = new Rng(41);
  const t = teacherOf(rng, 7, 5, 1);
  const cases = [
    { phi: 0.01, r: 1 }, // difference form, near
    { phi: 0.8, r: 1.5 }, // direct form, near
    { phi: 2.2, r: 0.7 }, // far
    { phi: Math.PI - 1e-4, r: 1 }, // far, π − φ small
  ].map(({ phi, r }) => atAngleFromTeacher(rng, t, phi, r));
  // The same w with a* over eight orders of magnitude: Dot2's split of a*_j is exact only with
  // the right splitter.
  const tSpread = makeTeacher(t.wStar, Float64Array.from(t.aStar, (x, j) => x * 10 ** (2 * j - 4)));

  it('should move (w, a) as lossAndGradient and the update do, and leave the new iterate’s sums', () => {
    // Large steps too: a gradient entry off by an ulp then moves the new iterate by about an ulp.
    for (const [teacher, { w, a }, etaW, etaA] of [t, tSpread].flatMap((tt) =>
      cases.flatMap((c) => [
        [tt, c, 0.3, 0.2],
        [tt, c, 1e4, 1e4],
      ] as const),
    )) {
      const t = teacher;
      const gradW = new Float64Array(t.p);
      const gradA = new Float64Array(t.k);
      lossAndGradient(t, w, a, gradW, gradA, newLossState());
      const wNext = Float64Array.from(w, (x, i) => x - etaW * gradW[i]);
      const aNext = Float64Array.from(a, (x, j) => x - etaA * gradA[j]);
      const { sums, st } = state(t, w, a, etaW, etaA);
      const w1 = Float64Array.from(w);
      const a1 = Float64Array.from(a);
      expect(descentStep(t, w1, a1, sums, st)).toBe(STEP_CHANGED);
      expect(Array.from(w1)).toEqual(Array.from(wNext));
      expect(Array.from(a1)).toEqual(Array.from(aNext));
      const fresh = newIterateSums();
      sumIterate(t, wNext, aNext, fresh);
      for (const key of ['normUSq', 'cross', 'wDistSq', 'aDotAStar', 'sumDiff', 'sqDiff'] as const) {
        expect(Object.is(sums[key], fresh[key]), `${key}: ${sums[key]} vs ${fresh[key]}`).toBe(true);
      }
    }
  });

  it('should flag a change of w alone or of a alone, and none without one', () => {
    const { w, a } = cases[1];
    for (const [etaW, etaA, flags] of [
      [0.3, 0, STEP_CHANGED],
      [0, 0.2, STEP_CHANGED],
      [0, 0, 0],
    ] as const) {
      const { sums, st } = state(t, w, a, etaW, etaA);
      expect(descentStep(t, Float64Array.from(w), Float64Array.from(a), sums, st)).toBe(flags);
    }
  });

  it('should flag sums of the new iterate that are not finite', () => {
    // a − a* ≈ 1e160: ‖a − a*‖² overflows (the entries themselves stay finite).
    const { w } = cases[1];
    const a = Float64Array.from(t.aStar, (x) => x + 1e160);
    const { sums, st } = state(t, w, a, 0.3, 1e-200);
    expect(descentStep(t, Float64Array.from(w), Float64Array.from(a), sums, st)).toBe(STEP_CHANGED | STEP_NONFINITE_SUMS);
  });
});
