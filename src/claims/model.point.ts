/**
 * The hypothesis shared by the `model.*` point claims (THEORY.md §2–3): one point of the model,
 * teacher and student, as plain arrays of doubles (so it survives JSON bit for bit and is also a
 * valid input of the high-precision reference, src/reference/population-loss.ts).
 *
 * `modelPointArb` draws points by construction over the regimes where the closed forms are hard
 * to evaluate (THEORY.md §2 "Numerics"), each at a prescribed place rather than by rejection:
 *
 * - sizes: p, k ≤ smallMax mostly, and one draw in 20 with p, k ≤ largeMax;
 * - the teacher at any shortcut angle φ_0 ∈ [0, π], ‖a*‖ ∈ [0.1, 10], and for k ≥ 2 one a* in
 *   five with 1ᵀa* = 0 exactly (a* = (x_1, −x_1, x_2, −x_2, …, [0]); at k = 1 that would be a* = 0);
 * - the student angle φ = ∠(e + w, e + w*): uniform in [0, π], within 1e-12 … 1e-8 of 0 or of π
 *   (drawn log-uniformly), or w = w* exactly;
 * - ‖e + w‖ log-uniform in [0.1, 10], or in [1, 2]·1e-6, or in [1, 2]·1e6;
 * - a: a random vector of norm 0.01 … 10 times ‖a*‖, a = a* + O(1e-8‖a*‖), a = a*, a = −a*, a = 0.
 *
 * `SPECIAL_POINTS` are the special cases of the issue as fixed, named points (k = 1, p = 1, a = 0,
 * 1ᵀa* = 0, w = w*, φ near 0 and π, ‖e + w‖ = 1e-6 and 1e6, and their hardest combinations); the
 * point claims check them before the random search ({@link runWithSpecials}) and
 * test/model/special-cases.test.ts names each one.
 */
import fc from 'fast-check';
import { evaluate, lossAndGradient, newLossState, type Evaluation, type LossState } from '../model/population-loss.ts';
import { makeTeacher, type Teacher } from '../model/teacher.ts';
import { scaledNorm } from '../model/vector-norm.ts';
import { atAngle, someOrthogonalUnit } from '../theory/geometry.ts';
import { finiteDouble, logUniform, normalized, rawVector, teacherArb } from './arbitraries.ts';
import type { ClaimContext, ClaimResult, UniversalClaim } from './claim.ts';
import { logMargin, type TrainSpec } from './trajectory.ts';
import { counterexampleOf, fmt, runUniversal } from './universal-runner.ts';

/** The unit roundoff u = 2⁻⁵³ of binary64. */
export const UNIT_ROUNDOFF = 2 ** -53;

/** The margin of a check that holds exactly (an exact zero reproduced): "as far as can be". */
export const EXACT_MARGIN = 300;

/** A point (w, a) of the student with its teacher (w*, a*): the reference's input shape. */
export interface ModelPoint {
  readonly p: number;
  readonly k: number;
  readonly w: number[];
  readonly a: number[];
  readonly wStar: number[];
  readonly aStar: number[];
}

export function pointTeacher(x: ModelPoint): Teacher {
  return makeTeacher(Float64Array.from(x.wStar), Float64Array.from(x.aStar));
}

/** The float64 closed forms (src/model/population-loss.ts) at the point. */
export function floatEvaluation(x: ModelPoint): Evaluation {
  return evaluate(pointTeacher(x), Float64Array.from(x.w), Float64Array.from(x.a));
}

/** The float64 kernel at a point, with the vectors and scalars the identities of D1–D7 use. */
export interface FloatPoint {
  readonly t: Teacher;
  readonly w: Float64Array;
  readonly a: Float64Array;
  /**
   * e + w in double-double, as the kernel forms it: u_i = fl(e + w_i) and uLo_i its TwoSum
   * rounding error plus e's own (t.eLo), so u + uLo is 1/√p + w_i to about 106 bits.
   */
  readonly u: Float64Array;
  readonly uLo: Float64Array;
  readonly gradW: Float64Array;
  readonly gradA: Float64Array;
  readonly state: Readonly<LossState>;
}

export function floatPoint(x: ModelPoint): FloatPoint {
  const t = pointTeacher(x);
  const w = Float64Array.from(x.w);
  const a = Float64Array.from(x.a);
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  lossAndGradient(t, w, a, gradW, gradA, state);
  const u = w.map((wi) => t.e + wi);
  const uLo = w.map((wi, i) => {
    const z = u[i] - t.e;
    return (t.e - (u[i] - z)) + (wi - z) + t.eLo;
  });
  return { t, w, a, u, uLo, gradW, gradA, state };
}

/**
 * The prefactor S_w = |aᵀa*|(π − φ)/(2π‖e + w‖) of ∇_w L = −(aᵀa*)(π − φ)/(2π‖e + w‖)·(v* − cos φ·v):
 * the natural scale of the w-block (‖∇_w L‖ = S_w·sin φ ≤ S_w).
 */
export function wPrefactor(s: Readonly<LossState>): number {
  return (Math.abs(s.aDotAStar) * s.piMinusPhi) / (2 * Math.PI * s.normU);
}

/**
 * ρ = ‖w − w*‖/‖e + w*‖: the size of the kernel's intermediate (w* − w)/‖e + w*‖ in
 * d = v* − v (src/model/population-loss.ts), whose rounding error the w-block identities inherit.
 */
export function teacherDistance(fp: FloatPoint): number {
  return scaledNorm(fp.w.map((wi, i) => wi - fp.t.wStar[i])) / fp.t.normUStar;
}

/**
 * The tolerance of the float w-block identities D1, D2, D3 (relative to their scale):
 * W_IDENTITY_ULPS·u·(1 + ρ)·√p (the inner products over p coordinates accumulate ~√p roundings).
 * Measured maxima of error / (u·(1 + ρ)·√p) over 40 000 points of `modelPointArb` with p, k up to
 * 2000 (D2: 80 000 points, two seeds): D1 3.7, D3 3.7, D2 4.6, all reached at p ≤ 8 (≤ 1.1 for
 * p > 8); the tolerance is twice the largest, rounded up to a power of two.
 */
export const W_IDENTITY_ULPS = 16;

export function wIdentityTolerance(rho: number, p: number): number {
  return W_IDENTITY_ULPS * UNIT_ROUNDOFF * (1 + rho) * Math.sqrt(p);
}

/**
 * The margin of an identity checked to a relative tolerance: log10(tolerance·scale / error), the
 * decades of headroom (< 0: violated). With scale 0 the error must be exactly 0.
 */
export function identityMargin(error: number, scale: number, tolerance: number): number {
  if (scale === 0) return error === 0 ? EXACT_MARGIN : -EXACT_MARGIN;
  return logMargin(error / scale, tolerance);
}

/**
 * The point as a `train` spec: (w_0, a_0) = (w, a), `steps` updates (0 for point claims: the spec
 * replays the evaluation), step sizes η_w, η_a (any positive value when steps = 0).
 */
export function pointTrainSpec(x: ModelPoint, steps = 0, etaW = 1, etaA = 1): TrainSpec {
  return { p: x.p, k: x.k, w0: x.w, a0: x.a, wStar: x.wStar, aStar: x.aStar, etaW, etaA, steps };
}

/** (x_1, −x_1, x_2, −x_2, …) with a trailing 0 when k is odd: 1ᵀa* = 0 exactly, in floats too. */
export function zeroSum(x: readonly number[]): number[] {
  return x.map((xi, j) => (j % 2 === 0 ? (j + 1 < x.length ? xi : 0) : -x[j - 1]));
}

/** The unit vector v* = (e + w*)/‖e + w*‖ in double precision. */
function unitTeacherDirection(wStar: readonly number[]): Float64Array {
  const e = 1 / Math.sqrt(wStar.length);
  return Float64Array.from(normalized(wStar.map((x) => x + e)));
}

/** Where the student sits relative to v*. */
type AngleRegime =
  | { readonly kind: 'any'; readonly phi: number }
  | { readonly kind: 'near0'; readonly psi: number }
  | { readonly kind: 'nearPi'; readonly psi: number }
  | { readonly kind: 'equal' };

const angleRegimeArb: fc.Arbitrary<AngleRegime> = fc.oneof(
  { weight: 3, arbitrary: finiteDouble(0, Math.PI).map((phi): AngleRegime => ({ kind: 'any', phi })) },
  { weight: 1, arbitrary: logUniform(1e-12, 1e-8).map((psi): AngleRegime => ({ kind: 'near0', psi })) },
  { weight: 1, arbitrary: logUniform(1e-12, 1e-8).map((psi): AngleRegime => ({ kind: 'nearPi', psi })) },
  { weight: 1, arbitrary: fc.constant<AngleRegime>({ kind: 'equal' }) },
);

const normUArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: logUniform(0.1, 10) },
  { weight: 1, arbitrary: logUniform(1e-6, 2e-6) },
  { weight: 1, arbitrary: logUniform(1e6, 2e6) },
);

/**
 * w with e + w at the regime's angle from v* and ‖e + w‖ = r (before rounding w = u − e):
 * u = r(cos ψ·(±v*) + sin ψ·q), q ⟂ v* a unit vector derived from `direction`.
 */
function studentW(wStar: readonly number[], regime: AngleRegime, r: number, direction: readonly number[]): number[] {
  if (regime.kind === 'equal') return wStar.slice();
  const p = wStar.length;
  const vStar = unitTeacherDirection(wStar);
  const q = someOrthogonalUnit(direction, vStar);
  const u =
    regime.kind === 'any'
      ? atAngle(vStar, q, regime.phi, r)
      : atAngle(regime.kind === 'near0' ? vStar : vStar.map((x) => -x), q, regime.psi, r);
  const e = 1 / Math.sqrt(p);
  return Array.from(u, (x) => x - e);
}

type ARegime =
  | { readonly kind: 'random'; readonly scale: number; readonly direction: number[] }
  | { readonly kind: 'nearStar'; readonly direction: number[] }
  | { readonly kind: 'star' }
  | { readonly kind: 'negStar' }
  | { readonly kind: 'zero' };

function aRegimeArb(k: number): fc.Arbitrary<ARegime> {
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .record({ scale: logUniform(0.01, 10), direction: rawVector(k) })
        .map(({ scale, direction }): ARegime => ({ kind: 'random', scale, direction })),
    },
    { weight: 1, arbitrary: rawVector(k).map((direction): ARegime => ({ kind: 'nearStar', direction })) },
    { weight: 1, arbitrary: fc.constant<ARegime>({ kind: 'star' }) },
    { weight: 1, arbitrary: fc.constant<ARegime>({ kind: 'negStar' }) },
    { weight: 1, arbitrary: fc.constant<ARegime>({ kind: 'zero' }) },
  );
}

function studentA(aStar: readonly number[], regime: ARegime): number[] {
  const norm = Math.hypot(...aStar);
  switch (regime.kind) {
    case 'random':
      return normalized(regime.direction).map((x) => regime.scale * norm * x);
    case 'nearStar':
      return aStar.map((x, j) => x + 1e-8 * norm * regime.direction[j]);
    case 'star':
      return aStar.slice();
    case 'negStar':
      return aStar.map((x) => -x);
    case 'zero':
      return aStar.map(() => 0);
  }
}

export interface PointOptions {
  /** Largest p and k of the frequent small points. */
  readonly smallMax: number;
  /** Largest p and k of the occasional (1 in 20) large points. */
  readonly largeMax: number;
}

/** The sizes: p, k ≤ smallMax, or (1 in 20) p, k ≤ largeMax. */
function sizeArb(o: PointOptions): fc.Arbitrary<{ p: number; k: number }> {
  const upTo = (max: number): fc.Arbitrary<{ p: number; k: number }> =>
    fc.record({ p: fc.integer({ min: 1, max }), k: fc.integer({ min: 1, max }) });
  return fc.oneof({ weight: 19, arbitrary: upTo(o.smallMax) }, { weight: 1, arbitrary: upTo(o.largeMax) });
}

/** A model point over the regimes listed at the top of this module. */
export function modelPointArb(o: PointOptions): fc.Arbitrary<ModelPoint> {
  return sizeArb(o).chain(({ p, k }) =>
    fc
      .record({
        teacher: teacherArb({ pMin: p, pMax: p, kMin: k, kMax: k, phi0Max: Math.PI }),
        zeroSumAStar: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
        angle: angleRegimeArb,
        r: normUArb,
        direction: rawVector(p),
        aRegime: aRegimeArb(k),
      })
      .map(({ teacher, zeroSumAStar, angle, r, direction, aRegime }): ModelPoint => {
        const aStar = zeroSumAStar && k >= 2 ? zeroSum(teacher.aStar) : teacher.aStar;
        return {
          p,
          k,
          w: studentW(teacher.wStar, angle, r, direction),
          a: studentA(aStar, aRegime),
          wStar: teacher.wStar,
          aStar,
        };
      }),
  );
}

/** {@link modelPointArb} at the profile's sizes: p, k ≤ 8, and 1 in 20 up to 300 (nightly, soak: 2000). */
export function profilePointArb(ctx: ClaimContext): fc.Arbitrary<ModelPoint> {
  const large = ctx.profile.name === 'nightly' || ctx.profile.name === 'soak';
  return modelPointArb({ smallMax: 8, largeMax: large ? 2000 : 300 });
}

/** A named special case. */
export interface SpecialPoint {
  readonly name: string;
  readonly point: ModelPoint;
}

/** A fixed teacher of size (p, k): w* = (0.3, −0.2, 0.1, …), a* = (1.3, −0.7, 0.4, …). */
function fixedTeacher(p: number, k: number): { wStar: number[]; aStar: number[] } {
  const wBase = [0.3, -0.2, 0.1, 0.25, -0.15];
  const aBase = [1.3, -0.7, 0.4, 0.9, -1.1];
  return {
    wStar: Array.from({ length: p }, (_, i) => wBase[i % wBase.length]),
    aStar: Array.from({ length: k }, (_, j) => aBase[j % aBase.length]),
  };
}

function special(
  name: string,
  p: number,
  k: number,
  student: { angle: AngleRegime; r?: number; a: ARegime | ((aStar: number[]) => number[]) },
  teacherMap: (aStar: number[]) => number[] = (x) => x,
): SpecialPoint {
  const t = fixedTeacher(p, k);
  const aStar = teacherMap(t.aStar);
  const direction = Array.from({ length: p }, (_, i) => (i % 3 === 0 ? 0.5 : i % 3 === 1 ? -0.8 : 0.3));
  const a = typeof student.a === 'function' ? student.a(aStar) : studentA(aStar, student.a);
  return {
    name,
    point: { p, k, w: studentW(t.wStar, student.angle, student.r ?? 1.3, direction), a, wStar: t.wStar, aStar },
  };
}

const A_GENERIC = (aStar: number[]): number[] => aStar.map((x, j) => 0.6 * x + (j % 2 === 0 ? 0.35 : -0.2));
const PHI_GENERIC: AngleRegime = { kind: 'any', phi: 1.1 };

/** The issue's special cases, each compared with the reference by the point claims first. */
export const SPECIAL_POINTS: readonly SpecialPoint[] = [
  special('k = 1', 4, 1, { angle: PHI_GENERIC, a: A_GENERIC }),
  special('p = 1 (φ = 0: e + w = 1.3·(e + w*))', 1, 3, { angle: { kind: 'any', phi: 0 }, a: A_GENERIC }),
  special('p = 1 (φ = π: e + w = −1.3·(e + w*))', 1, 3, { angle: { kind: 'any', phi: Math.PI }, a: A_GENERIC }),
  special('a = 0', 4, 3, { angle: PHI_GENERIC, a: { kind: 'zero' } }),
  special('1ᵀa* = 0', 4, 4, { angle: PHI_GENERIC, a: A_GENERIC }, zeroSum),
  special('w = w*, a = a* (exact zeros)', 4, 3, { angle: { kind: 'equal' }, a: { kind: 'star' } }),
  special('w = w*, a ≠ a*', 4, 3, { angle: { kind: 'equal' }, a: A_GENERIC }),
  special('φ = 1e-12', 4, 3, { angle: { kind: 'near0', psi: 1e-12 }, a: A_GENERIC }),
  special('π − φ = 1e-12', 4, 3, { angle: { kind: 'nearPi', psi: 1e-12 }, a: A_GENERIC }),
  special('‖e + w‖ = 1e-6', 3, 3, { angle: PHI_GENERIC, r: 1e-6, a: A_GENERIC }),
  special('‖e + w‖ = 1e6', 3, 3, { angle: PHI_GENERIC, r: 1e6, a: A_GENERIC }),
  special('φ = 1e-12, a = a*', 4, 3, { angle: { kind: 'near0', psi: 1e-12 }, a: { kind: 'star' } }),
  special('π − φ = 1e-8, a = 0, 1ᵀa* = 0', 4, 4, { angle: { kind: 'nearPi', psi: 1e-8 }, a: { kind: 'zero' } }, zeroSum),
  special('π − φ = 1e-8, a = 0, k = 1', 3, 1, { angle: { kind: 'nearPi', psi: 1e-8 }, a: { kind: 'zero' } }),
  special('π − φ = 1e-12, a = 0, k = 1', 3, 1, { angle: { kind: 'nearPi', psi: 1e-12 }, a: { kind: 'zero' } }),
];

/** A named hypothesis checked before the random search. */
export interface NamedHypothesis<H> {
  readonly name: string;
  readonly hypothesis: H;
}

/** The special points as named hypotheses of a {@link ModelPoint} claim. */
export function specialPointHypotheses(): NamedHypothesis<ModelPoint>[] {
  return SPECIAL_POINTS.map((s) => ({ name: s.name, hypothesis: s.point }));
}

/**
 * Runs a universal claim on named special hypotheses first (a violation there is returned as the
 * counterexample, unshrunk: special hypotheses are minimal by construction), then the random
 * search of {@link runUniversal}. Both parts are reported in the evidence line.
 */
export function runWithSpecials<H>(
  claim: UniversalClaim<H>,
  ctx: ClaimContext,
  specials: readonly NamedHypothesis<H>[],
): ClaimResult {
  const failing: { name: string; margin: number; hypothesis: H }[] = [];
  let minSpecial = Infinity;
  for (const s of specials) {
    const m = claim.margin(s.hypothesis);
    minSpecial = Math.min(minSpecial, m);
    if (m < 0) failing.push({ name: s.name, margin: m, hypothesis: s.hypothesis });
  }
  const random = runUniversal(claim, ctx);
  const specialText =
    failing.length === 0
      ? `special cases: all ${specials.length} hold (smallest margin ${fmt(minSpecial)})`
      : `special cases: ${failing.length} of ${specials.length} violate (${failing
          .slice(0, 3)
          .map((f) => `${f.name}: margin ${fmt(f.margin)}`)
          .join('; ')}${failing.length > 3 ? '; …' : ''})`;
  const evidence = `${specialText}; random: ${random.evidence}`;
  const runs = random.runs + specials.length;
  const details = { ...random.details, specialFailures: failing.map((f) => f.name), minSpecialMargin: minSpecial };
  if (failing.length > 0) {
    const first = failing[0];
    return {
      verdict: 'refuted',
      evidence,
      runs,
      details,
      counterexample: counterexampleOf(claim, first.hypothesis, first.margin),
    };
  }
  return { ...random, evidence, runs, details };
}
