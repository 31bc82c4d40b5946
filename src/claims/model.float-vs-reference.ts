/**
 * model.float-vs-reference (THEORY.md §2 "Numerics"; the float core's acceptance criterion): the
 * float64 kernel src/model/population-loss.ts agrees with the independent 60-digit reference
 * src/reference/population-loss.ts on every output o ∈ {L, φ, ∇_w L, ∇_a L}:
 *
 *   ‖ô − o‖ / ‖o‖ ≤ max(1e-13, 1e-15/δ),   δ = min(φ, π − φ, ‖e + w‖),
 *
 * (normwise relative error; δ is the distance to the sets φ = 0, φ = π and e + w = 0 where the
 * outputs are ill-conditioned), and at w = w*, a = a* exactly the loss and both gradients are
 * exactly 0. An output whose reference value is exactly 0 must then be exactly 0 (its relative error
 * is otherwise infinite), unless δ = 0, where the allowance is unbounded.
 *
 * The margin is log10(allowance / error) of the worst output: the number of decades by which the
 * error stays below the allowance (< 0: violated).
 *
 * History. Measured before the fix (3000 nightly points, p, k up to 2000), the kernel violated the
 * allowance in four ways, each now addressed in src/model/population-loss.ts:
 * 1. ∇_a L near φ = π (k = 1, a = 0): (π − 1)(a − a*) + 1ᵀ(a − a*) + h a* cancelled to g(φ)a*;
 *    now regrouped as (π − 1)a + (a* + 1ᵀ(a − a*)) − g a* for φ > π/2.
 * 2. ‖e + w‖ far from ‖e + w*‖: the difference form of d cancelled terms of size ρ (1e-10 at
 *    ‖e + w‖ = 1e6); now d = v* − u/‖u‖ is formed directly unless ‖w − w*‖ ≤ min(‖u‖, ‖u*‖)/2.
 * 3. Near φ = π: s inherited ‖u‖'s summation error over ‖s‖ (~26u/δ); ‖u‖ is now recomputed by a
 *    compensated sum there.
 * 4. ‖e + w‖ ~ 1e-6 with φ ~ 1e-11: the rounding of e + w (and of e = 1/√p) dominated; e + w is
 *    now carried in double-double with e's rounding error (Teacher.eLo).
 * 5. A targeted hunt then found ∇_w L at p ≈ 1700, φ ≈ 2.5e-11 over the allowance by 12% (7e-5
 *    against 4e-5): the difference form's ‖u‖ − ‖u*‖ = (w − w*)ᵀ(u + u*)/(‖u‖ + ‖u*‖) is a plain
 *    sum with ~√p·u relative error, which the radial part of w − w* carries into d (measured:
 *    2.3e-15/φ at ‖w − w*‖ = 0.4‖u*‖, p = 1700). The switch to the direct form is now at
 *    √p·‖w − w*‖ = min(‖u‖, ‖u*‖)/2, where the two forms' errors meet (measured at p = 1700,
 *    φ ∈ {2.5e-11, 1e-8}: at most 0.2 of the allowance; 1e-3 of it in the difference form).
 * 6. At w = −fl(e) (every fl(e + w_i) = 0, the true e + w = (1/√p − e)·1 ≠ 0) ‖u‖ was 0 and the
 *    compensated sum of squares dropped the (u_lo)² term (a negative ‖u‖², NaN): both fixed.
 * With these the ci sample, a nightly-size sample (3000 points, p, k ≤ 2000) and the 15 special
 * points hold, and two 180 s targeted hunts found nothing. A third (seed 13, 60 s) refutes it:
 * 7. ∇_a L near its zero. At k = 1, a = −0.032, a* = −0.1, φ = 1.5599, ‖e + w‖ = 1e6, ∇_a L =
 *    ((π − 1)(a − a*) + 1ᵀ(a − a*) + h(φ)a*)/2π is 60× smaller than its terms (a is near D4's
 *    a(φ), where ∇_a L = 0), so h's error — φ's last ulp times h'(φ) = (π − φ) sin φ — is
 *    amplified 60×: 1.02e-13 against 1e-13. No regrouping removes this, and the allowance does not
 *    grow near a(φ): points drawn within 1e-9 of a(φ) put the double kernel's ∇_a L 1e-8 off.
 *    `evaluate` (the `eval` command's numbers, checked here) now recomputes ∇_a L in double-double
 *    where its terms exceed it fourfold (src/model/a-gradient-double-double.ts: φ, h(φ) and the
 *    terms to about 2⁻¹⁰⁶), which makes it correctly rounded to within one ulp at cancellations up
 *    to about 1e14; the counterexample became test/model/a-gradient-double-double.test.ts's
 *    example, and the hypotheses now include a regime of points near a(φ) ({@link nearAFixedPointArb}).
 *    Since: ci holds; a nightly sample (seed 778, 3000 points, p, k ≤ 2000) holds with smallest
 *    margin 0.48; targeted hunts with seeds 13 (the one that had found item 7; 70 385 samples,
 *    135 s) and 14 (22 803 samples) found nothing, best margins 0.31 and 0.41.
 */
import type { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { doubleToDecimal } from '../reference/exact-double.ts';
import { makeReferenceContext, referenceEvaluateDecimal, type ReferenceDecimalResult } from '../reference/population-loss.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { aFixedPointAt } from '../theory/a-fixed-point-at.ts';
import { logUniform, normalized, rawVector } from './arbitraries.ts';
import {
  EXACT_MARGIN,
  floatEvaluation,
  pointTeacher,
  pointTrainSpec,
  profilePointArb,
  runWithSpecials,
  specialPointHypotheses,
  type ModelPoint,
} from './model.point.ts';
import { logMargin } from './trajectory.ts';

/** Significant digits of the reference evaluation. */
export const REFERENCE_DIGITS = 60;
/** The acceptance tolerance away from the ill-conditioned sets. */
export const ACCEPTANCE_RELATIVE = 1e-13;
/** The numerator of the allowance 1e-15/δ near them. */
export const ACCEPTANCE_NEAR = 1e-15;

/** max(1e-13, 1e-15/δ): unbounded at δ = 0. */
export function allowance(delta: number): number {
  return delta === 0 ? Infinity : Math.max(ACCEPTANCE_RELATIVE, ACCEPTANCE_NEAR / delta);
}

const WORK = makeReferenceContext(40);

/**
 * ‖x̂ − x‖/‖x‖ with the doubles x̂ taken exactly: 0 when both are zero, Infinity when only the
 * reference x is zero.
 */
export function normwiseRelativeError(approx: ArrayLike<number>, exact: readonly Decimal[]): number {
  let diff = new WORK(0);
  let norm = new WORK(0);
  for (let i = 0; i < exact.length; i++) {
    const d = doubleToDecimal(approx[i], WORK).minus(exact[i]);
    diff = diff.plus(d.times(d));
    norm = norm.plus(exact[i].times(exact[i]));
  }
  if (diff.isZero()) return 0;
  if (norm.isZero()) return Infinity;
  return diff.div(norm).sqrt().toNumber();
}

/** The 60-digit reference at a point. */
export function referenceAt(x: ModelPoint, digits = REFERENCE_DIGITS): ReferenceDecimalResult {
  return referenceEvaluateDecimal(x, { digits });
}

/** The four outputs' errors against the reference, and the allowance at the point. */
export interface OutputErrors {
  readonly loss: number;
  readonly phi: number;
  readonly gradW: number;
  readonly gradA: number;
  /** δ = min(φ, π − φ, ‖e + w‖) from the reference. */
  readonly delta: number;
  readonly allowance: number;
  /** Whether each output is exactly 0 in the reference / in float64. */
  readonly referenceZero: Readonly<Record<OutputName, boolean>>;
  readonly floatZero: Readonly<Record<OutputName, boolean>>;
}

export const OUTPUT_NAMES = ['loss', 'phi', 'gradW', 'gradA'] as const;
export type OutputName = (typeof OUTPUT_NAMES)[number];

function allZero(x: ArrayLike<number>): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) return false;
  return true;
}

export function outputErrors(x: ModelPoint): OutputErrors {
  const ref = referenceAt(x);
  const f = floatEvaluation(x);
  const delta = Math.min(ref.phi.toNumber(), ref.piMinusPhi.toNumber(), ref.normU.toNumber());
  return {
    loss: normwiseRelativeError([f.loss], [ref.loss]),
    phi: normwiseRelativeError([f.phi], [ref.phi]),
    gradW: normwiseRelativeError(f.gradW, ref.gradW),
    gradA: normwiseRelativeError(f.gradA, ref.gradA),
    delta,
    allowance: allowance(delta),
    referenceZero: {
      loss: ref.loss.isZero(),
      phi: ref.phi.isZero(),
      gradW: ref.gradW.every((g) => g.isZero()),
      gradA: ref.gradA.every((g) => g.isZero()),
    },
    floatZero: { loss: f.loss === 0, phi: f.phi === 0, gradW: allZero(f.gradW), gradA: allZero(f.gradA) },
  };
}

/**
 * Points of `points` with a moved to D4's a(φ) (where ∇_a L = 0) plus an offset of size 1e-10 …
 * 1e-2 ‖a*‖ in a random direction: ∇_a L's terms then exceed it by about the inverse of that size.
 */
export function nearAFixedPointArb(points: fc.Arbitrary<ModelPoint>): fc.Arbitrary<ModelPoint> {
  return points.chain((x) =>
    fc.record({ size: logUniform(1e-10, 1e-2), direction: rawVector(x.k) }).map(({ size, direction }): ModelPoint => {
      const t = pointTeacher(x);
      const scale = size * Math.sqrt(t.aStarNormSq);
      const unit = normalized(direction);
      return { ...x, a: Array.from(aFixedPointAt(t, x.w), (aj, j) => aj + scale * unit[j]) };
    }),
  );
}

/** The margin of one output: decades below the allowance (exact zeros: ±EXACT_MARGIN). */
export function outputMargin(errors: OutputErrors, name: OutputName): number {
  if (errors.allowance === Infinity) return EXACT_MARGIN;
  if (errors.referenceZero[name]) return errors.floatZero[name] ? EXACT_MARGIN : -EXACT_MARGIN;
  return logMargin(errors[name], errors.allowance);
}

function isOptimum(x: ModelPoint): boolean {
  return x.w.every((wi, i) => wi === x.wStar[i]) && x.a.every((aj, j) => aj === x.aStar[j]);
}

export const modelFloatVsReference: UniversalClaim<ModelPoint> = {
  id: 'model.float-vs-reference',
  kind: 'universal',
  title: 'The float64 closed forms agree with the 60-digit reference',
  statement:
    'every output (L, φ, ∇_w L, ∇_a L) of the float64 kernel has normwise relative error ≤ max(1e-13, 1e-15/δ) against the 60-digit reference, δ = min(φ, π − φ, ‖e + w‖); at w = w*, a = a* the outputs are exactly 0',
  source: {
    lines: 'THEORY.md §2 "Numerics"; the float core\'s acceptance criterion',
    quoted: ['"these decide whether float64 agrees with the reference near the optima" (THEORY.md §2)'],
    ours: [
      `tolerance ${ACCEPTANCE_RELATIVE}, and ${ACCEPTANCE_NEAR}/δ within δ of φ = 0, φ = π, e + w = 0`,
      `reference at ${REFERENCE_DIGITS} significant digits, doubles converted exactly`,
      'points: p, k ≤ 8 mostly, 1 in 20 up to 300 (nightly: 2000); φ uniform, within 1e-12…1e-8 of 0 or π, or w = w*; ‖e + w‖ ∈ [0.1, 10], ~1e-6, ~1e6; a random, ≈ a*, a*, −a*, 0; 1ᵀa* = 0 in 1 of 5',
      'one point in four has a moved to within 1e-10…1e-2 ‖a*‖ of D4\'s a(φ), where ∇_a L vanishes and its terms cancel',
      'the named special points (model.point.ts) are checked before the random search',
    ],
  },
  formalizationVersion: 1,
  expected: 'holds',
  budgets: {
    dev: { runs: 100, timeMs: 60_000 },
    ci: { runs: 150, timeMs: 60_000 },
    nightly: { runs: 3_000, timeMs: 1_800_000 },
    soak: { runs: 30_000, timeMs: 7_200_000 },
  },
  violation: 'an output of the float64 kernel is farther from the 60-digit reference than the allowance',
  hypotheses: (ctx: ClaimContext) =>
    fc.oneof({ weight: 3, arbitrary: profilePointArb(ctx) }, { weight: 1, arbitrary: nearAFixedPointArb(profilePointArb(ctx)) }),
  margin(x: ModelPoint): number {
    const errors = outputErrors(x);
    const exactZeros = errors.floatZero.loss && errors.floatZero.gradW && errors.floatZero.gradA;
    if (isOptimum(x) && !exactZeros) return -EXACT_MARGIN;
    return Math.min(...OUTPUT_NAMES.map((name) => outputMargin(errors, name)));
  },
  toTrainSpec: (x) => pointTrainSpec(x),
  run(ctx: ClaimContext): ClaimResult {
    return runWithSpecials(this, ctx, specialPointHypotheses());
  },
};
