/**
 * Protocol P2 (THEORY.md §7), the trap threshold of rebuttal l. 25–30: a fixed teacher (w*, a*),
 * w_0 = 0, η_a = α·2π/(π−1+k), η_w = β·η_a (α = 1, β = 10), and the starts
 *
 *   a_0(s, c) = s · a* / ‖a*‖² + c · q     (so a_0ᵀa* = s),   |s| ≤ ‖a*‖·√(r² − c²),   r = |1ᵀa*|/√k,
 *
 * where q is the unit component of 1 orthogonal to a* (the direction the a-iteration couples to
 * through the 11ᵀ term of ∇_a L). P2 proper is the line c = 0 (s ∈ [−r‖a*‖, r‖a*‖], the ball's
 * segment along a*); lines with c ≠ 0 are chords of the ball whose starts have the same a_0ᵀa*, and
 * ask whether the outcome depends on a_0 through a_0ᵀa* alone, as the rebuttal's statement implies.
 * GD runs to T = 20000 steps (early stop at L ≤ 1e-12) and its outcome is classified (global /
 * spurious / undecided / diverged). Switch points in s are located per line by
 * {@link locateSwitches}; the rebuttal's statement "a_0ᵀa* < −ε ⇒ spurious, a_0ᵀa* > −ε ⇒ global"
 * is judged on the points of all lines together by {@link judgeSeparation}.
 *
 * Everything is a pure function of (seed, indices): a teacher is drawn from
 * Rng.derived(seed, k, round(1000·scale), index, attempt), the first attempt satisfying the shortcut
 * prior φ_0 < π/2 (THEORY.md §5). Teachers are P1's: a* ~ N(0, I_k), w* = scale·ξ/√p, p = k.
 */
import { makeTeacher, type Teacher } from '../model/teacher.ts';
import { gradientDescent } from '../optim/gradient-descent.ts';
import type { Outcome } from '../optim/outcome.ts';
import type { TrainSpec } from '../io/train-spec.ts';
import { Rng } from '../random/rng.ts';
import { judgeSeparation, locateSwitches, type Resolution, type Separation, type SwitchScan } from '../search/threshold.ts';
import { orthogonalUnit } from '../theory/geometry.ts';
import { ballRadius, protocolTeacher } from '../theory/initialization.ts';
import { shortcutPriorAngle } from '../theory/regions.ts';
import { protocolStepSizes } from '../theory/step-sizes.ts';

/** P2's constants. */
export const P2_STEPS = 20_000;
export const P2_ALPHA = 1;
export const P2_BETA = 10;

/** Attempts at drawing a teacher with the shortcut prior before giving up. */
const MAX_ATTEMPTS = 1000;

export interface P2Instance {
  readonly k: number;
  /** P1's teacher scale s (w* = s·ξ/√p). */
  readonly scale: number;
  readonly index: number;
  readonly teacher: Teacher;
  /** φ_0 = ∠(e, e + w*) < π/2. */
  readonly phi0: number;
  readonly wStarNorm: number;
  readonly aStarNorm: number;
  /** The ball radius r = |1ᵀa*|/√k. */
  readonly radius: number;
  /** r‖a*‖: the range of s = a_0ᵀa* over the ball. */
  readonly sMax: number;
  /** The unit component of 1 orthogonal to a* (null when k = 1 or 1 ∥ a*). */
  readonly q: Float64Array | null;
}

/** A P2 instance around a given teacher (any p, k; `scale` and `index` label it). */
export function p2InstanceFromTeacher(teacher: Teacher, scale = NaN, index = 0): P2Instance {
  const k = teacher.k;
  const aStarNorm = Math.sqrt(teacher.aStarNormSq);
  if (!(aStarNorm > 0)) throw new RangeError('aStar must be non-zero (got a* = 0)');
  const radius = ballRadius(teacher.aStarSum, k);
  return {
    k,
    scale,
    index,
    teacher,
    phi0: shortcutPriorAngle(teacher),
    wStarNorm: Math.hypot(...teacher.wStar),
    aStarNorm,
    radius,
    sMax: radius * aStarNorm,
    q: k === 1 ? null : orthogonalUnit(new Float64Array(k).fill(1), teacher.aStar.map((x) => x / aStarNorm)),
  };
}

/** The index-th P2 teacher of cell (k, scale) with the shortcut prior (p = k). */
export function p2Instance(seed: number, k: number, scale: number, index: number): P2Instance {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rng = Rng.derived(seed, k, Math.round(1000 * scale), index, attempt);
    const { wStar, aStar } = protocolTeacher(rng, k, k, scale);
    const teacher = makeTeacher(wStar, aStar);
    if (shortcutPriorAngle(teacher) < Math.PI / 2) return p2InstanceFromTeacher(teacher, scale, index);
  }
  throw new RangeError(`no teacher with φ_0 < π/2 in ${MAX_ATTEMPTS} attempts (k = ${k}, scale = ${scale})`);
}

export interface P2Options {
  readonly alpha: number;
  readonly beta: number;
  readonly steps: number;
  readonly gridPoints: number;
  /** A relative resolution is taken relative to the line's half-length ‖a*‖·√(r² − c²). */
  readonly resolution: Resolution;
}

export const P2_DEFAULTS: P2Options = {
  alpha: P2_ALPHA,
  beta: P2_BETA,
  steps: P2_STEPS,
  gridPoints: 41,
  resolution: { kind: 'relative', value: 1e-3 },
};

/** a_0(s, c) = s·a* / ‖a*‖² + c·q. */
export function p2Start(inst: P2Instance, s: number, c = 0): Float64Array {
  const t = inst.teacher;
  if (c !== 0 && inst.q === null) throw new RangeError(`offset c must be 0 when 1 ∥ a* or k = 1 (got c = ${c})`);
  const q = inst.q;
  return t.aStar.map((x, j) => (s * x) / t.aStarNormSq + (q === null ? 0 : c * q[j]));
}

/** The `train` spec of the start a_0(s, c) of an instance. */
export function p2TrainSpec(inst: P2Instance, s: number, o: P2Options, c = 0): TrainSpec {
  const t = inst.teacher;
  const { etaA, etaW } = protocolStepSizes(inst.k, o.alpha, o.beta);
  return {
    p: t.p,
    k: t.k,
    w0: new Array<number>(t.p).fill(0),
    a0: Array.from(p2Start(inst, s, c)),
    wStar: Array.from(t.wStar),
    aStar: Array.from(t.aStar),
    etaW,
    etaA,
    steps: o.steps,
  };
}

/** GD's outcome from a_0(s, c). */
export function p2Outcome(inst: P2Instance, s: number, o: P2Options, c = 0): Outcome {
  const t = inst.teacher;
  const { etaA, etaW } = protocolStepSizes(inst.k, o.alpha, o.beta);
  return gradientDescent({ teacher: t, w0: new Float64Array(t.p), a0: p2Start(inst, s, c), etaA, etaW, steps: o.steps }).outcome;
}

export interface P2Line {
  /** The offset c along q (|c| < r). */
  readonly offset: number;
  readonly scan: SwitchScan<Outcome>;
}

export interface P2Result {
  readonly lines: readonly P2Line[];
  /** The rebuttal's statement judged on all lines' points (θ = −ε, spurious below, global above, θ < 0). */
  readonly separation: Separation<Outcome>;
  /** ε = −θ with its bracket [−hi, −lo] when the lines' outcomes are separated below 0. */
  readonly epsilon: { readonly value: number; readonly lower: number; readonly upper: number } | null;
}

/**
 * Scans the chord of each offset c (c = 0: P2's segment along a*) and judges the statement on all
 * of them. Offsets are fractions of r: c = fraction·r, |fraction| < 1.
 */
export function p2Scan(inst: P2Instance, o: P2Options = P2_DEFAULTS, offsetFractions: readonly number[] = [0]): P2Result {
  const lines = offsetFractions.map((fraction): P2Line => {
    if (!(Math.abs(fraction) < 1)) throw new RangeError(`offset fractions must lie in (−1, 1) (got ${fraction})`);
    const c = fraction * inst.radius;
    const half = inst.aStarNorm * Math.sqrt(inst.radius * inst.radius - c * c);
    const resolution: Resolution =
      o.resolution.kind === 'relative' ? { kind: 'absolute', value: o.resolution.value * half } : o.resolution;
    const scan = locateSwitches((s) => p2Outcome(inst, s, o, c), { lo: -half, hi: half, gridPoints: o.gridPoints, resolution });
    return { offset: c, scan };
  });
  const separation = judgeSeparation<Outcome>(
    lines.map((l) => l.scan),
    { below: 'spurious', above: 'global', before: 0 },
  );
  const epsilon =
    separation.kind === 'separated'
      ? { value: -(separation.lo + separation.hi) / 2, lower: -separation.hi, upper: -separation.lo }
      : null;
  return { lines, separation, epsilon };
}
