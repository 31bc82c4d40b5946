/**
 * model.d4-a-fixed-point (THEORY.md §3 D4): for fixed φ, L is a strongly convex quadratic in a
 * with Hessian A = ((π−1)I + 11ᵀ)/2π and minimiser
 *
 *   a(φ) = [ (g(φ) − 1) a* + ((π − g(φ))/(π − 1 + k)) (1ᵀa*) 1 ] / (π − 1),
 *
 * and three consequences, all checked at each hypothesis (w frozen, a_0 = a(φ) + Δ with a
 * component of Δ along 1 by construction):
 *
 * 1. ∇_a L(w, a(φ)) = 0: the float64 gradient at the float64 a(φ) (src/theory/a-fixed-point.ts) is
 *    at most D4_GRADIENT_ULPS·u·‖A‖(‖a(φ)‖ + ‖a*‖), ‖A‖ = (π−1+k)/2π (rounding of a(φ) and of
 *    the kernel; measured maximum 6.1 ulps over 20 000 hypotheses; the tolerance is the next power
 *    of two above twice that).
 * 2. φ ≤ π/2 ⇒ a(φ)ᵀa* > 0, decided with the 60-digit reference's h(φ): a(φ)ᵀa* =
 *    [(g − 1)‖a*‖² + (π − g)(1ᵀa*)²/(π − 1 + k)]/(π − 1) must exceed 1e-50·(‖a*‖² + (1ᵀa*)²)
 *    (ten digits above the reference's resolution), and φ ≤ π/2 is read off the reference
 *    (φ ≤ π − φ, exact when φ = π/2 exactly).
 * 3. the frozen-w iteration a ← a − η_a ∇_a L converges iff η_a < 4π/(π − 1 + k), tested on both
 *    sides at α = η_a(π − 1 + k)/2π = 2(1 ∓ ε), ε log-uniform in [1e-3, 0.5]: below, after the T
 *    steps in which D8's rate gives ρ_a^T ≤ 1e-8, ‖a_T − a(φ)‖ ≤ 1e-6‖Δ‖; above, after the T steps
 *    in which the 1-component of Δ grows by 1e8, ‖a_T − a(φ)‖ ≥ 1e6‖Δ‖ and a_T − a(φ) points
 *    along 1 (its share off 1/√k is at most 1e-6).
 *
 * What the check finds: part 2 fails on the boundary φ = π/2 when 1ᵀa* = 0, where g = 1 and
 * a(φ) = 0, so a(φ)ᵀa* = 0 exactly (at φ = π/2 in general a(φ)ᵀa* = (1ᵀa*)²/(π − 1 + k) ≥ 0; for
 * φ < π/2, g > 1 makes it positive). The hypotheses construct that boundary exactly in doubles
 * (w* = c(e_i − e_j), w = −(e_i − e_j)/(2c), c a power of two: (e + w)ᵀ(e + w*) = 0), and the
 * special hypothesis below checks it on every run. The run also reports a second search whose
 * hypotheses leave out exactly that boundary.
 *
 * Margin: the smallest of the parts' decades of headroom.
 */
import fc from 'fast-check';
import type { Decimal } from 'decimal.js';
import { scaledNorm } from '../model/vector-norm.ts';
import { gradientDescent } from '../optim/gradient-descent.ts';
import { doubleToDecimal } from '../reference/exact-double.ts';
import { makeReferenceContext } from '../reference/population-loss.ts';
import { aContractionFactor, aFixedPoint } from '../theory/a-fixed-point.ts';
import { someOrthogonalUnit } from '../theory/geometry.ts';
import { stabilityThresholdA } from '../theory/step-sizes.ts';
import { finiteDouble, logUniform, normalized, rawVector } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { REFERENCE_DIGITS, referenceAt } from './model.float-vs-reference.ts';
import {
  EXACT_MARGIN,
  floatPoint,
  modelPointArb,
  pointTrainSpec,
  runWithSpecials,
  UNIT_ROUNDOFF,
  zeroSum,
  type ModelPoint,
} from './model.point.ts';
import { logMargin, type TrainSpec } from './trajectory.ts';
import { runUniversal } from './universal-runner.ts';

/** Tolerance of part 1 in ulps of ‖A‖(‖a(φ)‖ + ‖a*‖) (measured maximum 6.1). */
export const D4_GRADIENT_ULPS = 16;
/** Part 2: a(φ)ᵀa* must exceed this fraction of ‖a*‖² + (1ᵀa*)². */
const POSITIVE_RESOLUTION = 1e-50;
/** Part 3: contraction the rate predicts, and what is required. */
const PREDICTED_CONTRACTION = 1e-8;
const REQUIRED_CONTRACTION = 1e-6;
/** Part 3: growth of the 1-component, and what is required; largest share off 1/√k. */
const PREDICTED_GROWTH = 1e8;
const REQUIRED_GROWTH = 1e6;
const OFF_ONE_SHARE = 1e-6;

/** A frozen w, the start a_0 = a(φ) + Δ (in `point.a`) and ε. */
export interface FixedPointHypothesis {
  readonly point: ModelPoint;
  readonly epsilon: number;
}

/** The student at φ = π/2 exactly: w* = c(e_i − e_j), w = −(e_i − e_j)/(2c), so that (e + w)ᵀ(e + w*) = 1 − 1 = 0. */
function rightAngleArb(zeroSums: boolean): fc.Arbitrary<ModelPoint> {
  return fc
    .record({ p: fc.integer({ min: 2, max: 8 }), k: fc.integer({ min: 1, max: 8 }) })
    .chain(({ p, k }) =>
      fc
        .record({
          i: fc.integer({ min: 0, max: p - 1 }),
          shift: fc.integer({ min: 1, max: p - 1 }),
          m: fc.integer({ min: -2, max: 2 }),
          aDirection: rawVector(k),
          aNorm: finiteDouble(0.1, 10),
          zeroSumAStar: zeroSums ? fc.boolean() : fc.constant(false),
        })
        .map(({ i, shift, m, aDirection, aNorm, zeroSumAStar }): ModelPoint => {
          const j = (i + shift) % p;
          const c = 2 ** m;
          const z = (index: number): number => (index === i ? 1 : index === j ? -1 : 0);
          const aStar = normalized(aDirection).map((x) => aNorm * x);
          return {
            p,
            k,
            w: Array.from({ length: p }, (_, index) => -z(index) / (2 * c)),
            a: aStar,
            wStar: Array.from({ length: p }, (_, index) => c * z(index)),
            aStar: zeroSumAStar && k >= 2 ? zeroSum(aStar) : aStar,
          };
        }),
    );
}

/** a_0 = a(φ) + Δ, Δ = c·1/√k + s·q with q ⟂ 1 a unit vector: |⟨Δ, 1/√k⟩| = |c| ≥ 0.1‖a*‖ ≠ 0. */
function withStart(x: ModelPoint, along: number, across: number, direction: readonly number[]): ModelPoint {
  const fp = floatPoint(x);
  const aPhi = aFixedPoint(fp.state.piMinusPhi, fp.t.aStar, fp.t.aStarSum);
  const norm = Math.sqrt(fp.t.aStarNormSq) || 1;
  const ones = new Float64Array(x.k).fill(1 / Math.sqrt(x.k));
  const q = someOrthogonalUnit(direction, ones);
  const a = Array.from(aPhi, (value, j) => value + norm * (along * ones[j] + (q === null ? 0 : across * q[j])));
  return { ...x, a };
}

/**
 * The hypotheses; with `boundary: false` the right-angle points keep 1ᵀa* ≠ 0, which leaves out
 * exactly the boundary where part 2 fails (the run reports that part separately).
 */
function hypothesisArb(boundary: boolean): fc.Arbitrary<FixedPointHypothesis> {
  const wPoint = fc.oneof(
    { weight: 4, arbitrary: modelPointArb({ smallMax: 8, largeMax: 64 }) },
    { weight: 1, arbitrary: rightAngleArb(boundary) },
  );
  return wPoint.chain((x) =>
    fc
      .record({
        along: fc.tuple(finiteDouble(0.1, 1), fc.boolean()).map(([c, negative]) => (negative ? -c : c)),
        across: finiteDouble(0, 1),
        direction: rawVector(x.k),
        epsilon: logUniform(1e-3, 0.5),
      })
      .map(({ along, across, direction, epsilon }) => ({ point: withStart(x, along, across, direction), epsilon })),
  );
}

/** The frozen-w run at α = η_a(π − 1 + k)/2π for T steps (layerwise schedule: η_w = 0 throughout). */
function frozenRun(x: ModelPoint, alpha: number, steps: number): Float64Array {
  const fp = floatPoint(x);
  const etaA = (alpha * stabilityThresholdA(x.k)) / 2;
  return gradientDescent({
    teacher: fp.t,
    w0: fp.w,
    a0: fp.a,
    etaW: 1,
    etaA,
    steps,
    schedule: { kind: 'layerwise', switchStep: steps },
    lossTarget: -Infinity,
  }).a;
}

/** T with ρ_a^T ≤ PREDICTED_CONTRACTION at α = 2(1 − ε) (D8's rate). */
function convergenceSteps(k: number, epsilon: number): number {
  const rho = aContractionFactor(k, (1 - epsilon) * stabilityThresholdA(k));
  return Math.ceil(Math.log(PREDICTED_CONTRACTION) / Math.log(rho));
}

/** T with (1 + 2ε)^T·(share of Δ along 1) ≥ PREDICTED_GROWTH at α = 2(1 + ε). */
function divergenceSteps(delta: Float64Array, epsilon: number): number {
  const share = Math.abs(delta.reduce((s, d) => s + d, 0)) / (Math.sqrt(delta.length) * scaledNorm(delta));
  return Math.ceil(Math.log(PREDICTED_GROWTH / share) / Math.log(1 + 2 * epsilon));
}

/** a(φ)ᵀa* at 60 digits from the reference's h(φ), and whether φ ≤ π/2; null when φ > π/2. */
export function fixedPointAlignment(x: ModelPoint): { value: Decimal; scale: Decimal } | null {
  const ref = referenceAt(x);
  if (ref.phi.greaterThan(ref.piMinusPhi)) return null;
  const D = makeReferenceContext(REFERENCE_DIGITS);
  const pi = D.acos(-1);
  const g = pi.minus(ref.h);
  let normSq = new D(0);
  let sum = new D(0);
  for (const xj of x.aStar) {
    const aj = doubleToDecimal(xj, D);
    normSq = normSq.plus(aj.times(aj));
    sum = sum.plus(aj);
  }
  const sumSq = sum.times(sum);
  const value = g
    .minus(1)
    .times(normSq)
    .plus(pi.minus(g).times(sumSq).div(pi.minus(1).plus(x.k)))
    .div(pi.minus(1));
  return { value, scale: normSq.plus(sumSq) };
}

function positivityMargin(x: ModelPoint): number {
  const alignment = fixedPointAlignment(x);
  if (alignment === null) return EXACT_MARGIN;
  const { value, scale } = alignment;
  if (scale.isZero()) return -EXACT_MARGIN;
  const ratio = value.div(scale);
  return ratio.greaterThan(0) ? Math.log10(ratio.toNumber() / POSITIVE_RESOLUTION) : -EXACT_MARGIN;
}

function gradientMargin(x: ModelPoint, aPhi: Float64Array): number {
  const fp = floatPoint({ ...x, a: Array.from(aPhi) });
  const operatorNorm = (Math.PI - 1 + x.k) / (2 * Math.PI);
  const scale = operatorNorm * (scaledNorm(aPhi) + Math.sqrt(fp.t.aStarNormSq));
  if (scale === 0) return scaledNorm(fp.gradA) === 0 ? EXACT_MARGIN : -EXACT_MARGIN;
  return logMargin(scaledNorm(fp.gradA) / scale, D4_GRADIENT_ULPS * UNIT_ROUNDOFF);
}

function thresholdMargin(x: ModelPoint, aPhi: Float64Array, epsilon: number): number {
  const delta = Float64Array.from(x.a, (aj, j) => aj - aPhi[j]);
  const deltaNorm = scaledNorm(delta);
  const distance = (a: Float64Array): Float64Array => a.map((aj, j) => aj - aPhi[j]);

  const below = distance(frozenRun(x, 2 * (1 - epsilon), convergenceSteps(x.k, epsilon)));
  const converged = logMargin(scaledNorm(below) / deltaNorm, REQUIRED_CONTRACTION);

  const above = distance(frozenRun(x, 2 * (1 + epsilon), divergenceSteps(delta, epsilon)));
  const aboveNorm = scaledNorm(above);
  if (!Number.isFinite(aboveNorm)) return converged;
  const grew = Math.log10(aboveNorm / deltaNorm / REQUIRED_GROWTH);
  const along = Math.abs(above.reduce((s, d) => s + d, 0)) / (Math.sqrt(x.k) * aboveNorm);
  const alongOne = logMargin(Math.max(0, 1 - along), OFF_ONE_SHARE);
  return Math.min(converged, grew, alongOne);
}

function fixedPointOf(x: ModelPoint): Float64Array {
  const fp = floatPoint(x);
  return aFixedPoint(fp.state.piMinusPhi, fp.t.aStar, fp.t.aStarSum);
}

/** The boundary case: p = 4 (e = 1/2), w* = (1, −1, 0, 0), w = (−1/2, 1/2, 0, 0), 1ᵀa* = 0. */
export const D4_BOUNDARY: FixedPointHypothesis = (() => {
  const x: ModelPoint = { p: 4, k: 4, w: [-0.5, 0.5, 0, 0], a: [], wStar: [1, -1, 0, 0], aStar: [1.3, -1.3, 0.4, -0.4] };
  return { point: withStart({ ...x, a: x.aStar }, 0.5, 0.5, [0.3, 0.1, -0.7, 0.2]), epsilon: 0.1 };
})();

export const modelD4AFixedPoint: UniversalClaim<FixedPointHypothesis> = {
  id: 'model.d4-a-fixed-point',
  kind: 'universal',
  title: 'D4: the a-subproblem, its minimiser a(φ) and its stability threshold',
  statement:
    '∇_a L(w, a(φ)) = 0; a(φ)ᵀa* > 0 whenever φ ≤ π/2; with w frozen, a ← a − η_a∇_a L converges iff η_a < 4π/(π−1+k) (α = 2(1 − ε) converges, α = 2(1 + ε) diverges along 1)',
  source: {
    lines: 'THEORY.md §3 D4 (ours; behind rebuttal l. 32–33)',
    quoted: ['"a(φ)ᵀa* > 0 whenever φ ≤ π/2" (THEORY.md §3 D4)', '"converges iff η_a < 4π/(π−1+k)" (THEORY.md §3 D4)'],
    ours: [
      `∇_a L(w, a(φ)) within ${D4_GRADIENT_ULPS} ulps of ‖A‖(‖a(φ)‖ + ‖a*‖) (float64, measured)`,
      `a(φ)ᵀa* > ${POSITIVE_RESOLUTION}·(‖a*‖² + (1ᵀa*)²) at the 60-digit reference's h(φ)`,
      `threshold: ε ∈ [1e-3, 0.5]; converged = ‖a_T − a(φ)‖ ≤ ${REQUIRED_CONTRACTION}‖Δ‖ when the rate predicts ${PREDICTED_CONTRACTION}; diverged = growth ≥ ${REQUIRED_GROWTH} when the 1-component is predicted to grow ${PREDICTED_GROWTH}`,
      'w: model.point.ts regimes (p, k ≤ 8, 1 in 20 up to 64) and, 1 in 5, φ = π/2 exactly; the boundary φ = π/2, 1ᵀa* = 0 as a special hypothesis',
    ],
  },
  formalizationVersion: 1,
  expected: 'refuted',
  budgets: {
    dev: { runs: 200, timeMs: 60_000 },
    ci: { runs: 200, timeMs: 60_000 },
    nightly: { runs: 5_000, timeMs: 1_800_000 },
    soak: { runs: 50_000, timeMs: 7_200_000 },
  },
  violation: 'a(φ) is not stationary, or a(φ)ᵀa* ≤ 0 at φ ≤ π/2, or the a-iteration does not switch from converging to diverging at η_a = 4π/(π−1+k)',
  hypotheses: () => hypothesisArb(true),
  margin({ point, epsilon }: FixedPointHypothesis): number {
    const aPhi = fixedPointOf(point);
    return Math.min(gradientMargin(point, aPhi), positivityMargin(point), thresholdMargin(point, aPhi, epsilon));
  },
  toTrainSpec: ({ point, epsilon }: FixedPointHypothesis): TrainSpec => {
    const steps = convergenceSteps(point.k, epsilon);
    const etaA = (1 - epsilon) * stabilityThresholdA(point.k);
    return { ...pointTrainSpec(point, steps, 1, etaA), schedule: { kind: 'layerwise', switchStep: steps } };
  },
  run(ctx: ClaimContext): ClaimResult {
    const stated = runWithSpecials(this, ctx, [{ name: 'φ = π/2 exactly, 1ᵀa* = 0 (a(φ) = 0)', hypothesis: D4_BOUNDARY }]);
    const interior = runUniversal({ ...this, hypotheses: () => hypothesisArb(false) }, ctx);
    return {
      ...stated,
      evidence: `${stated.evidence}; without the boundary (φ = π/2 with 1ᵀa* = 0): ${interior.verdict}, ${interior.evidence}`,
      runs: stated.runs + interior.runs,
      details: { ...stated.details, interior: { verdict: interior.verdict, ...interior.details } },
    };
  },
};
