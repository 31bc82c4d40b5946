/**
 * The closed-form population loss of the two-layer non-overlapping ResNet and its gradients
 * (THEORY.md §2), fused into O(k + p) kernels that write into caller buffers:
 *
 *   L(w, a) = (1/4π) [ (π−1) ‖a − a*‖² + (1ᵀ(a − a*))² ] + h(φ) aᵀa* / (2π)
 *   ∇_a L   = (1/2π) [ (π−1)(a − a*) + 1·1ᵀ(a − a*) + h(φ) a* ]
 *   ∇_w L   = −(aᵀa*)(π − φ) / (2π ‖e + w‖) · (v* − cos φ · v)
 *
 * The plain CNN is the same network at w = u − e (see {@link ./cnn.ts}).
 *
 * Numerics (THEORY.md §2 "Numerics"):
 * - d = v* − v is formed from w* − w, not from two rounded unit vectors:
 *   d = (w* − w)/‖u*‖ + u·(‖u‖ − ‖u*‖)/(‖u‖‖u*‖), with ‖u‖ − ‖u*‖ = (w − w*)ᵀ(u + u*)/(‖u‖ + ‖u*‖),
 *   so d keeps full relative accuracy as φ → 0 and is exactly 0 at w = w*.
 * - s = v* + v directly; φ = 2·atan2(‖d‖, ‖s‖) and π − φ = 2·atan2(‖s‖, ‖d‖), never acos.
 * - v* − cos φ·v = d + (‖d‖²/2)·v when ‖d‖ ≤ ‖s‖ (φ ≤ π/2), else s − (‖s‖²/2)·v.
 * - h(φ) from {@link ./angle-functions.ts}; aᵀa* by Dot2 and 1ᵀ(a − a*) by Sum2
 *   (the arithmetic of {@link ./compensated-sum.ts}, fused into the passes below).
 *
 * Passes (each one loop over w or over a; a GD step's cost is the number of passes times k + p):
 * 1. {@link sumIterate}: one pass over w for ‖u‖² and (w − w*)ᵀ(u + u*), one over a for aᵀa*,
 *    1ᵀ(a − a*) and ‖a − a*‖² — everything that does not need ‖u‖ yet;
 * 2. {@link evaluateSums}: one pass over w for ‖d‖² and ‖s‖², then φ, h(φ) and L;
 * 3. the gradients, entry by entry. In a GD step ({@link descentStep}) this pass applies the
 *    update instead of storing the gradient and accumulates pass 1 of the next iterate, so one GD
 *    step costs two passes over w and one over a, and allocates nothing.
 * Every quantity is computed by the same expression, in the same order, on every path, so
 * {@link lossAndGradient} followed by the update and {@link descentStep} agree bit for bit (and
 * with the unfused kernel this module had before; test/optim/descent-fused.test.ts).
 *
 * Error model: the claim model.float-vs-reference compares every output with the 60-digit
 * reference at the allowance max(1e-13, 1e-15/δ), δ = min(φ, π − φ, ‖e + w‖). It is refuted: the
 * kernel misses the allowance for ‖e + w‖ far from ‖e + w*‖ (the difference form of d cancels),
 * near φ = π (s inherits ‖u‖'s summation error; ∇_a L at k = 1, a = 0 cancels to 0) and near
 * e + w = 0 (e + w is rounded); that claim's doc comment has the measurements. At (w, a) = (w*, a*)
 * the loss and both gradients are exactly 0.
 */
import { hOfPhi } from './angle-functions.ts';
import { dot2, sumOfDifferences2 } from './compensated-sum.ts';
import type { Teacher } from './teacher.ts';
import { shiftedNorm } from './vector-norm.ts';

/** Scalars produced alongside the loss; a caller-owned object, overwritten by each call. */
export interface LossState {
  loss: number;
  /** φ = ∠(e + w, e + w*) ∈ [0, π]. */
  phi: number;
  /** π − φ, to full relative precision near φ = π. */
  piMinusPhi: number;
  /** ‖e + w‖. */
  normU: number;
  /** aᵀa*. */
  aDotAStar: number;
  /** h(φ). */
  h: number;
}

export function newLossState(): LossState {
  return { loss: NaN, phi: NaN, piMinusPhi: NaN, normU: NaN, aDotAStar: NaN, h: NaN };
}

/**
 * The sums of one iterate (w, a) that the closed form needs, and the scalars one evaluation hands
 * to its gradient pass: a caller-owned object (see {@link newIterateSums}) that the kernels
 * overwrite. Doubles live in its fields, so passing it between kernels boxes nothing.
 */
export interface IterateSums {
  /** Σ_i (w_i + e)², the plain sum of squares of u = e + w (see {@link ./vector-norm.ts}). */
  normUSq: number;
  /** (w − w*)ᵀ(u + u*), which gives ‖u‖ − ‖u*‖ without cancellation. */
  cross: number;
  /** aᵀa* (Dot2). */
  aDotAStar: number;
  /** 1ᵀ(a − a*) (Sum2 with compensated differences). */
  sumDiff: number;
  /** ‖a − a*‖². */
  sqDiff: number;
  /**
   * The scalars of ∇_w L at the last evaluation: ∇_w L = coef·(d + along·u) if `near`
   * (φ ≤ π/2, d = v* − v), else coef·(s − along·u) (s = v* + v); see {@link wGradientEntry}.
   */
  near: boolean;
  coef: number;
  along: number;
  /** (‖u‖ − ‖u*‖)/(‖u‖‖u*‖), the coefficient of u in d. */
  delta: number;
  /** The step sizes of the next {@link descentStep}. */
  etaW: number;
  etaA: number;
}

export function newIterateSums(): IterateSums {
  return {
    normUSq: NaN,
    cross: NaN,
    aDotAStar: NaN,
    sumDiff: NaN,
    sqDiff: NaN,
    near: true,
    coef: NaN,
    along: NaN,
    delta: NaN,
    etaW: NaN,
    etaA: NaN,
  };
}

const PI = Math.PI;
const INV_2PI = 1 / (2 * Math.PI);
const INV_4PI = 1 / (4 * Math.PI);
/** Veltkamp's splitter 2^27 + 1 (Dot2's TwoProduct, as in ./compensated-sum.ts). */
const SPLITTER = 134217729;
/** Sums of squares outside [TINY, HUGE] take {@link shiftedNorm}'s scaled path. */
const TINY = 1e-280;
const HUGE = 1e280;

/** Flags returned by {@link descentStep}. */
export const STEP_CHANGED = 1;
/** Some sum of the new iterate is not finite: the caller must check the entries themselves. */
export const STEP_NONFINITE_SUMS = 2;

/** Throws a RangeError naming the buffer when the shapes do not match the teacher's. */
export function assertShapes(t: Teacher, w: Float64Array, a: Float64Array, gradW: Float64Array, gradA: Float64Array): void {
  const p = t.p;
  const k = t.k;
  if (w.length !== p) throw new RangeError(`w must have length p = ${p} (got ${w.length})`);
  if (a.length !== k) throw new RangeError(`a must have length k = ${k} (got ${a.length})`);
  if (gradW.length !== p) throw new RangeError(`gradW must have length p = ${p} (got ${gradW.length})`);
  if (gradA.length !== k) throw new RangeError(`gradA must have length k = ${k} (got ${gradA.length})`);
}

/**
 * Pass 1: writes ‖u‖², (w − w*)ᵀ(u + u*), aᵀa* (Dot2), 1ᵀ(a − a*) (Sum2) and ‖a − a*‖² of (w, a)
 * into `sums`. Shapes are the caller's responsibility.
 */
export function sumIterate(t: Teacher, w: Float64Array, a: Float64Array, sums: IterateSums): void {
  const p = t.p;
  const k = t.k;
  const e = t.e;
  const wStar = t.wStar;
  const uStar = t.uStar;
  const aStar = t.aStar;
  let normUSq = 0;
  let cross = 0;
  for (let i = 0; i < p; i++) {
    const wi = w[i];
    const y = wi + e;
    normUSq += y * y;
    cross += (wi - wStar[i]) * (e + wi + uStar[i]);
  }
  let sq = 0;
  for (let j = 0; j < k; j++) {
    const dj = a[j] - aStar[j];
    sq += dj * dj;
  }
  sums.normUSq = normUSq;
  sums.cross = cross;
  sums.aDotAStar = dot2(a, aStar);
  sums.sumDiff = sumOfDifferences2(a, aStar);
  sums.sqDiff = sq;
}

/**
 * Pass 2: from the sums of pass 1, computes ‖u‖, d and s (one pass over w), φ, π − φ, h(φ) and
 * L(w, a); fills `state` and the evaluation scalars of `sums`. Throws a RangeError when e + w = 0.
 */
export function evaluateSums(t: Teacher, w: Float64Array, sums: IterateSums, state: LossState): void {
  const p = t.p;
  const e = t.e;
  const wStar = t.wStar;
  const vStar = t.vStar;
  const nStar = t.normUStar;
  const normUSq = sums.normUSq;
  const n = normUSq > TINY && normUSq < HUGE ? Math.sqrt(normUSq) : shiftedNorm(w, e);
  if (!(n > 0)) throw new RangeError('e + w must be non-zero (got ‖e + w‖ = 0)');
  const delta = sums.cross / (n + nStar) / (n * nStar); // (‖u‖ − ‖u*‖)/(‖u‖‖u*‖)
  const invN = 1 / n;
  const invNStar = 1 / nStar;
  let dd = 0;
  let ss = 0;
  for (let i = 0; i < p; i++) {
    const wi = w[i];
    const ui = e + wi;
    const di = (wStar[i] - wi) * invNStar + ui * delta;
    const si = ui * invN + vStar[i];
    dd += di * di;
    ss += si * si;
  }
  const nd = Math.sqrt(dd);
  const ns = Math.sqrt(ss);
  const phi = 2 * Math.atan2(nd, ns);
  const piMinusPhi = 2 * Math.atan2(ns, nd);
  const aDotAStar = sums.aDotAStar;
  const sumDiff = sums.sumDiff;
  const h = hOfPhi(phi);
  const near = nd <= ns;
  sums.near = near;
  sums.coef = (-aDotAStar * piMinusPhi * INV_2PI) * invN;
  sums.along = ((near ? dd : ss) / 2) * invN; // (‖d‖²/2)·v or (‖s‖²/2)·v, per unit of u
  sums.delta = delta;
  state.loss = ((PI - 1) * sums.sqDiff + sumDiff * sumDiff) * INV_4PI + h * aDotAStar * INV_2PI;
  state.phi = phi;
  state.piMinusPhi = piMinusPhi;
  state.normU = n;
  state.aDotAStar = aDotAStar;
  state.h = h;
}

/**
 * Entry i of ∇_w L: coef·(d_i + (‖d‖²/2)·v_i) when `near` (φ ≤ π/2), else coef·(s_i − (‖s‖²/2)·v_i),
 * with `along` = (‖d‖²/2)/‖u‖ or (‖s‖²/2)/‖u‖. Small enough to be inlined into the passes below;
 * each form reads only the teacher vector it needs.
 */
function wGradientEntry(
  near: boolean,
  coef: number,
  wi: number,
  ui: number,
  i: number,
  wStar: Float64Array,
  vStar: Float64Array,
  invN: number,
  invNStar: number,
  delta: number,
  along: number,
): number {
  return near ? coef * ((wStar[i] - wi) * invNStar + ui * delta + ui * along) : coef * (ui * invN + vStar[i] - ui * along);
}

/** Entry j of ∇_a L = ((π−1)(a_j − a*_j) + 1ᵀ(a − a*) + h a*_j)/2π. */
function aGradientEntry(aj: number, aStarJ: number, sumDiff: number, h: number): number {
  return ((PI - 1) * (aj - aStarJ) + sumDiff + h * aStarJ) * INV_2PI;
}

/** Pass 3 without update: writes ∇_w L and ∇_a L of the evaluated iterate into `gradW`, `gradA`. */
function writeGradient(
  t: Teacher,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  sums: IterateSums,
  state: LossState,
): void {
  const e = t.e;
  const wStar = t.wStar;
  const vStar = t.vStar;
  const aStar = t.aStar;
  const invN = 1 / state.normU;
  const invNStar = 1 / t.normUStar;
  const { near, coef, along, delta, sumDiff } = sums;
  const h = state.h;
  for (let i = 0; i < t.p; i++) {
    const wi = w[i];
    gradW[i] = wGradientEntry(near, coef, wi, e + wi, i, wStar, vStar, invN, invNStar, delta, along);
  }
  for (let j = 0; j < t.k; j++) gradA[j] = aGradientEntry(a[j], aStar[j], sumDiff, h);
}

/**
 * Pass 3 of a GD step, fused with pass 1 of the next iterate: from an iterate whose
 * {@link sumIterate} and {@link evaluateSums} are in `sums` and `state`, applies
 * w ← w − η_w ∇_w L and a ← a − η_a ∇_a L in place (η from `sums`; each entry of the gradient
 * computed exactly as {@link lossAndGradient} computes it), and leaves pass 1 of the new iterate in
 * `sums`. Returns {@link STEP_CHANGED} if some entry changed, plus {@link STEP_NONFINITE_SUMS} if a
 * sum of the new iterate is not finite. Allocates nothing.
 *
 * The "changed" flag is an integer: a branch inside a loop that a running double sum crosses (an
 * `if`, or `||=`) makes V8 (Node 20) box that sum on every iteration — which was the 13% of P1's
 * time spent in garbage collection.
 */
export function descentStep(t: Teacher, w: Float64Array, a: Float64Array, sums: IterateSums, state: LossState): number {
  const e = t.e;
  const wStar = t.wStar;
  const uStar = t.uStar;
  const vStar = t.vStar;
  const aStar = t.aStar;
  const invN = 1 / state.normU;
  const invNStar = 1 / t.normUStar;
  const { near, coef, along, delta, sumDiff, etaW, etaA } = sums;
  const h = state.h;
  let changed = 0; // STEP_CHANGED (a literal here: a module constant is re-read on every use)
  let normUSq = 0;
  let cross = 0;
  for (let i = 0; i < t.p; i++) {
    const wi = w[i];
    const next = wi - etaW * wGradientEntry(near, coef, wi, e + wi, i, wStar, vStar, invN, invNStar, delta, along);
    w[i] = next;
    changed |= next !== wi ? 1 : 0;
    // Pass 1 of the new iterate, as in sumIterate.
    const y = next + e;
    normUSq += y * y;
    cross += (next - wStar[i]) * (e + next + uStar[i]);
  }
  let dotS = 0;
  let dotC = 0;
  let sumS = 0;
  let sumC = 0;
  let sq = 0;
  for (let j = 0; j < t.k; j++) {
    const before = a[j];
    const bj = aStar[j];
    const aj = before - etaA * aGradientEntry(before, bj, sumDiff, h);
    a[j] = aj;
    changed |= aj !== before ? 1 : 0;
    // Pass 1 of the new iterate: dot2 and sumOfDifferences2 of ./compensated-sum.ts, inlined
    // operation for operation (a call per entry would cost more than the arithmetic).
    const prod = aj * bj;
    let split = SPLITTER * aj;
    const ah = split - (split - aj);
    const al = aj - ah;
    split = SPLITTER * bj;
    const bh = split - (split - bj);
    const bl = bj - bh;
    const ep = al * bl - (((prod - ah * bh) - al * bh) - ah * bl);
    const dotT = dotS + prod;
    const dotZ = dotT - dotS;
    dotC += (dotS - (dotT - dotZ)) + (prod - dotZ) + ep;
    dotS = dotT;
    const nb = -bj;
    const diff = aj + nb;
    const dz = diff - aj;
    const de = (aj - (diff - dz)) + (nb - dz);
    const sumT = sumS + diff;
    const sumZ = sumT - sumS;
    sumC += (sumS - (sumT - sumZ)) + (diff - sumZ) + de;
    sumS = sumT;
    sq += diff * diff; // diff = a_j + (−a*_j) = a_j − a*_j exactly as sumIterate's
  }
  const aDotAStar = dotS + dotC;
  const nextSumDiff = sumS + sumC;
  sums.normUSq = normUSq;
  sums.cross = cross;
  sums.aDotAStar = aDotAStar;
  sums.sumDiff = nextSumDiff;
  sums.sqDiff = sq;
  const finite = Number.isFinite(normUSq + cross + aDotAStar + nextSumDiff + sq);
  return changed | (finite ? 0 : STEP_NONFINITE_SUMS);
}

/**
 * Work space of {@link lossAndGradient}: it lives only during one (synchronous, non-reentrant)
 * call, like a local variable, and carries nothing from one call to the next.
 */
const CALL_SUMS = newIterateSums();

/**
 * Writes ∇_w L into `gradW` (length p) and ∇_a L into `gradA` (length k), fills `state`, and
 * returns L(w, a). Allocates nothing. Throws a RangeError on wrong lengths or e + w = 0.
 */
export function lossAndGradient(
  t: Teacher,
  w: Float64Array,
  a: Float64Array,
  gradW: Float64Array,
  gradA: Float64Array,
  state: LossState,
): number {
  assertShapes(t, w, a, gradW, gradA);
  sumIterate(t, w, a, CALL_SUMS);
  evaluateSums(t, w, CALL_SUMS, state);
  writeGradient(t, w, a, gradW, gradA, CALL_SUMS, state);
  return state.loss;
}

/** The outputs of one evaluation, as the `eval` command reports them. */
export interface Evaluation {
  loss: number;
  phi: number;
  gradW: Float64Array;
  gradA: Float64Array;
}

/** Allocating wrapper around {@link lossAndGradient}. */
export function evaluate(t: Teacher, w: Float64Array, a: Float64Array): Evaluation {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  lossAndGradient(t, w, a, gradW, gradA, state);
  return { loss: state.loss, phi: state.phi, gradW, gradA };
}
