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
 * - When √p·‖w − w*‖ > min(‖u‖, ‖u*‖)/2 that difference form loses more than the direct one (its
 *   terms have size ‖w − w*‖/min(‖u‖, ‖u*‖), and ‖u‖ − ‖u*‖ carries the √p·u error of a plain
 *   sum), so d = v* − u/‖u‖ is formed directly there (absolute error ~2u).
 * - u = e + w is carried in double-double where it feeds d or s (u_i + uLo_i, with e's own rounding
 *   error t.eLo): near e + w = 0 or φ = π the rounding of e + w would otherwise dominate.
 * - s = v* + v directly, with ‖u‖ recomputed by a compensated sum of squares when φ > π/2 (there
 *   the relative error of ‖u‖ is amplified by 1/‖s‖); φ = 2·atan2(‖d‖, ‖s‖) and
 *   π − φ = 2·atan2(‖s‖, ‖d‖), never acos.
 * - ∇_a L = ((π−1)(a − a*) + 1ᵀ(a − a*) + h a*)/2π for φ ≤ π/2 and, with h = π − g,
 *   ((π−1)a + (a* + 1ᵀ(a − a*)) − g a*)/2π for φ > π/2, where (π−1)(−a*) + h a* would cancel.
 * - ‖a − a*‖² by a compensated sum (TwoSum), like aᵀa* (Dot2) and 1ᵀ(a − a*) (Sum2): the loss
 *   subtracts h·|aᵀa*|/2π from it when aᵀa* < 0.
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
 * {@link lossAndGradient} followed by the update and {@link descentStep} agree bit for bit
 * (test/optim/descent-fused.test.ts).
 *
 * Error model (the claim model.float-vs-reference, against the 60-digit reference): every output
 * has normwise relative error within max(1e-13, 1e-15/δ), δ = min(φ, π − φ, ‖e + w‖), on its ci
 * and nightly samples (p, k ≤ 2000) and its 15 special points. Measured on 40 random points with
 * p ≤ 2000 and φ ∈ [0.01, 1.2] (either side of e + w*): L ≤ 3.3e-16, ∇_a L ≤ 6.1e-16, φ ≤ 3.4e-15,
 * ∇_w L ≤ 1.1e-14 (the last two largest at φ ≈ 0.01); near the sets, error·δ stays below about
 * 2e-16 (the direct form of d, ~2u absolute) or far below it (the difference form near w*). Near
 * D4's a(φ), where ∇_a L vanishes while its terms do not, the kernel's ∇_a L has relative error
 * about 8u times that cancellation (φ's last ulp through h; 1.02e-13 at 60×, 1e-8 at 1e9), so
 * {@link evaluate} recomputes it in double-double where the terms exceed it fourfold
 * (./a-gradient-double-double.ts: then within one ulp up to cancellations of about 1e14). GD
 * does not need that accuracy and keeps the kernel's. At (w, a) = (w*, a*) the loss and both
 * gradients are exactly 0.
 */
import { aGradientCancels, aGradientDoubleDouble } from './a-gradient-double-double.ts';
import { gFromComplement, hOfPhi } from './angle-functions.ts';
import { dot2, shiftedSumOfSquares2, sumOfDifferences2 } from './compensated-sum.ts';
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
  /** ‖a − a*‖² (TwoSum-compensated). */
  sqDiff: number;
  /** ‖w − w*‖², which decides the form of d. */
  wDistSq: number;
  /**
   * The scalars of ∇_w L at the last evaluation: ∇_w L = coef·(d + along·u) if `near`
   * (φ ≤ π/2, d = v* − v), else coef·(s − along·u) (s = v* + v); see {@link wGradientEntry}.
   */
  near: boolean;
  coef: number;
  /**
   * ∇_w L = coef·((dA·(w* − w) + (dC·v* + dD·u)) + dB·u), evaluated in that order: the first
   * group is d = (w* − w)/‖u*‖ + δu (dA = 1/‖u*‖, dC = 0, dD = δ) or d = v* − u/‖u‖ (dA = 0,
   * dC = 1, dD = −1/‖u‖) when near, s = v* + u/‖u‖ (dA = 0, dC = 1, dD = 1/‖u‖) otherwise; then
   * dB = ‖d‖²/(2‖u‖) or −‖s‖²/(2‖u‖). Forming d or s first keeps their small size exact.
   */
  dA: number;
  dB: number;
  dC: number;
  dD: number;
  /** g(φ) = π − h(φ), for the far form of ∇_a L. */
  g: number;
  /** ‖d‖² and ‖s‖² of the last evaluation. */
  dd: number;
  ss: number;
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
    wDistSq: NaN,
    near: true,
    coef: NaN,
    dA: NaN,
    dB: NaN,
    dC: NaN,
    dD: NaN,
    g: NaN,
    dd: NaN,
    ss: NaN,
    etaW: NaN,
    etaA: NaN,
  };
}

const PI = Math.PI;
const INV_2PI = 1 / (2 * Math.PI);
const INV_4PI = 1 / (4 * Math.PI);
/** Veltkamp's splitter 2^27 + 1 (Dot2's TwoProduct, as in ./compensated-sum.ts). */
const SPLITTER = 134217729;
/**
 * A plain sum of squares ‖u‖² at or above HUGE takes {@link shiftedNorm}'s scaled path; one at or
 * below TINY is 0 in practice (a non-zero fl(e + w_i) is at least ulp(e)/2 in size).
 */
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
  let wDistSq = 0;
  for (let i = 0; i < p; i++) {
    const wi = w[i];
    const y = wi + e;
    normUSq += y * y;
    const dw = wi - wStar[i];
    cross += dw * (e + wi + uStar[i]);
    wDistSq += dw * dw;
  }
  let sq = 0;
  let sqC = 0;
  for (let j = 0; j < k; j++) {
    const dj = a[j] - aStar[j];
    const sqTerm = dj * dj;
    const sqT = sq + sqTerm; // TwoSum (branch-free)
    const sqZ = sqT - sq;
    sqC += (sq - (sqT - sqZ)) + (sqTerm - sqZ);
    sq = sqT;
  }
  sums.normUSq = normUSq;
  sums.cross = cross;
  sums.wDistSq = wDistSq;
  sums.aDotAStar = dot2(a, aStar);
  sums.sumDiff = sumOfDifferences2(a, aStar);
  sums.sqDiff = sq + sqC;
}

/**
 * Pass 2: from the sums of pass 1, computes ‖u‖, d and s (one pass over w), φ, π − φ, h(φ) and
 * L(w, a); fills `state` and the evaluation scalars of `sums`. Throws a RangeError when e + w = 0.
 */
export function evaluateSums(t: Teacher, w: Float64Array, sums: IterateSums, state: LossState): void {
  const e = t.e;
  const nStar = t.normUStar;
  const normUSq = sums.normUSq;
  // ‖u‖ from pass 1's plain sum; scaled when it overflows; and when every fl(e + w_i) is 0 (w = −e
  // in double: the true u = (1/√p − e)·1 is then not 0 unless e is exact), from the double-double u.
  let n =
    normUSq >= HUGE ? shiftedNorm(w, e) : normUSq > TINY ? Math.sqrt(normUSq) : Math.sqrt(shiftedSumOfSquares2(w, e, t.eLo));
  if (!(n > 0)) throw new RangeError('e + w must be non-zero (got ‖e + w‖ = 0)');
  const delta = sums.cross / (n + nStar) / (n * nStar); // (‖u‖ − ‖u*‖)/(‖u‖‖u*‖)
  const invNStar = 1 / nStar;
  // d = dA·(w* − w) + (dC·v* + dD·u): the difference form while √p·‖w − w*‖ ≤ min(‖u‖, ‖u*‖)/2
  // (u close to u*, where it keeps d's small size exact); else direct. The difference form's
  // absolute error is about √p·u·‖w − w*‖/‖u*‖ (δ inherits the plain sum (w − w*)ᵀ(u + u*)'s
  // error), the direct form's about 2u: the switch is where they meet.
  const difference = 4 * t.p * sums.wDistSq <= Math.min(n * n, nStar * nStar);
  const dA = difference ? invNStar : 0;
  const dC = difference ? 0 : 1;
  let invN = 1 / n;
  let dD = difference ? delta : -invN;
  squaresOfDS(t, w, dA, dC, dD, invN, sums);
  let dd = sums.dd;
  let ss = sums.ss;
  if ((ss < dd || !difference) && normUSq < HUGE) {
    // φ > π/2, or d formed directly: s = v* + u/‖u‖ (or d = v* − u/‖u‖) inherits ‖u‖'s relative
    // error over its own small size, so ‖u‖ is recomputed with a compensated sum of squares of the
    // double-double u (which also removes the cancellation of e + w near e + w = 0).
    n = Math.sqrt(shiftedSumOfSquares2(w, e, t.eLo));
    invN = 1 / n;
    if (!difference) dD = -invN;
    squaresOfDS(t, w, dA, dC, dD, invN, sums);
    dd = sums.dd;
    ss = sums.ss;
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
  // near: d + (‖d‖²/2)·u/‖u‖; far: s − (‖s‖²/2)·u/‖u‖.
  sums.dA = near ? dA : 0;
  sums.dC = near ? dC : 1;
  sums.dD = near ? dD : invN;
  sums.dB = near ? (dd / 2) * invN : -(ss / 2) * invN;
  sums.g = gFromComplement(piMinusPhi);
  state.loss = ((PI - 1) * sums.sqDiff + sumDiff * sumDiff) * INV_4PI + h * aDotAStar * INV_2PI;
  state.phi = phi;
  state.piMinusPhi = piMinusPhi;
  state.normU = n;
  state.aDotAStar = aDotAStar;
  state.h = h;
}

/**
 * ‖d‖² and ‖s‖² (into sums.dd, sums.ss), with d = dA·(w* − w) + (dC·v* + dD·u) and s = v* + u/‖u‖,
 * u = e + w carried in double-double (u_i + uLo_i), v* with its low part (Teacher.vStarLo), and
 * the products dD·u_i and u_i/‖u‖ with their rounding errors (Dekker's TwoProduct): where d (the
 * direct form) or s is small, every componentwise rounding of its terms would be an error of φ or
 * π − φ of that size, and g(π − φ) ~ (π − φ)³/3 (∇_a L at φ near π) triples it. A rounding of ‖u‖
 * or ‖u*‖ only rescales v or v*, which moves ‖d‖ and ‖s‖ at second order.
 */
function squaresOfDS(t: Teacher, w: Float64Array, dA: number, dC: number, dD: number, invN: number, sums: IterateSums): void {
  const e = t.e;
  const eLo = t.eLo;
  const wStar = t.wStar;
  const vStar = t.vStar;
  const vStarLo = t.vStarLo;
  let split = SPLITTER * dD;
  const dDh = split - (split - dD);
  const dDl = dD - dDh;
  split = SPLITTER * invN;
  const nh = split - (split - invN);
  const nl = invN - nh;
  let dd = 0;
  let ss = 0;
  for (let i = 0; i < t.p; i++) {
    const wi = w[i];
    const ui = e + wi;
    const z = ui - e;
    const uLo = (e - (ui - z)) + (wi - z) + eLo; // u_i = ui + uLo to about 106 bits
    const us = SPLITTER * ui;
    const uh = us - (us - ui);
    const ul = ui - uh;
    const pd = dD * ui; // = pd + pdErr exactly (TwoProduct)
    const pdErr = ul * dDl - (((pd - uh * dDh) - ul * dDh) - uh * dDl);
    const ps = ui * invN; // = ps + psErr exactly
    const psErr = ul * nl - (((ps - uh * nh) - ul * nh) - uh * nl);
    const di = dA * (wStar[i] - wi) + (dC * vStar[i] + pd) + (dD * uLo + dC * (vStarLo[i] + pdErr));
    const si = (ps + vStar[i]) + (psErr + uLo * invN + vStarLo[i]);
    dd += di * di;
    ss += si * si;
  }
  sums.dd = dd;
  sums.ss = ss;
}

/**
 * Entry i of ∇_w L = coef·((dA·(w*_i − w_i) + (dC·v*_i + dD·u_i)) + dB·u_i), u_i in double-double (see
 * {@link IterateSums}): one expression for both forms of d and for s, each formed before the
 * correction along u. Small enough to be inlined into the passes below.
 */
function wGradientEntry(
  coef: number,
  wi: number,
  ui: number,
  i: number,
  wStar: Float64Array,
  vStar: Float64Array,
  dA: number,
  dB: number,
  dC: number,
  dD: number,
  e: number,
  eLo: number,
): number {
  const z = ui - e;
  const uLo = (e - (ui - z)) + (wi - z) + eLo; // u_i = ui + uLo, as in squaresOfDS
  return coef * (dA * (wStar[i] - wi) + (dC * vStar[i] + dD * ui + dD * uLo) + (dB * ui + dB * uLo));
}

/**
 * Entry j of ∇_a L: ((π−1)(a_j − a*_j) + 1ᵀ(a − a*) + h a*_j)/2π when near (φ ≤ π/2), else the
 * same with h = π − g regrouped, ((π−1)a_j + (a*_j + 1ᵀ(a − a*)) − g a*_j)/2π.
 */
function aGradientEntry(near: boolean, aj: number, aStarJ: number, sumDiff: number, h: number, g: number): number {
  return near
    ? ((PI - 1) * (aj - aStarJ) + sumDiff + h * aStarJ) * INV_2PI
    : ((PI - 1) * aj + (aStarJ + sumDiff) - g * aStarJ) * INV_2PI;
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
  const { near, coef, dA, dB, dC, dD, sumDiff, g } = sums;
  const h = state.h;
  for (let i = 0; i < t.p; i++) {
    const wi = w[i];
    gradW[i] = wGradientEntry(coef, wi, e + wi, i, wStar, vStar, dA, dB, dC, dD, e, t.eLo);
  }
  for (let j = 0; j < t.k; j++) gradA[j] = aGradientEntry(near, a[j], aStar[j], sumDiff, h, g);
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
  const { near, coef, dA, dB, dC, dD, sumDiff, g, etaW, etaA } = sums;
  const eLo = t.eLo;
  const h = state.h;
  let changed = 0; // STEP_CHANGED (a literal here: a module constant is re-read on every use)
  let normUSq = 0;
  let cross = 0;
  let wDistSq = 0;
  for (let i = 0; i < t.p; i++) {
    const wi = w[i];
    const next = wi - etaW * wGradientEntry(coef, wi, e + wi, i, wStar, vStar, dA, dB, dC, dD, e, eLo);
    w[i] = next;
    changed |= next !== wi ? 1 : 0;
    // Pass 1 of the new iterate, as in sumIterate.
    const y = next + e;
    normUSq += y * y;
    const dw = next - wStar[i];
    cross += dw * (e + next + uStar[i]);
    wDistSq += dw * dw;
  }
  let dotS = 0;
  let dotC = 0;
  let sumS = 0;
  let sumC = 0;
  let sq = 0;
  let sqC = 0;
  for (let j = 0; j < t.k; j++) {
    const before = a[j];
    const bj = aStar[j];
    const aj = before - etaA * aGradientEntry(near, before, bj, sumDiff, h, g);
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
    // diff = a_j + (−a*_j) = a_j − a*_j exactly as sumIterate's; the compensated sum of squares.
    const sqTerm = diff * diff;
    const sqT = sq + sqTerm; // TwoSum (branch-free)
    const sqZ = sqT - sq;
    sqC += (sq - (sqT - sqZ)) + (sqTerm - sqZ);
    sq = sqT;
  }
  const aDotAStar = dotS + dotC;
  const nextSumDiff = sumS + sumC;
  sums.normUSq = normUSq;
  sums.cross = cross;
  sums.wDistSq = wDistSq;
  sums.aDotAStar = aDotAStar;
  sums.sumDiff = nextSumDiff;
  sums.sqDiff = sq + sqC;
  const finite = Number.isFinite(normUSq + cross + wDistSq + aDotAStar + nextSumDiff + sq);
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

/**
 * Allocating wrapper around {@link lossAndGradient}, with ∇_a L recomputed in double-double where
 * it cancels ({@link aGradientCancels}, {@link aGradientDoubleDouble}): the `eval` command's numbers.
 */
export function evaluate(t: Teacher, w: Float64Array, a: Float64Array): Evaluation {
  const gradW = new Float64Array(t.p);
  const gradA = new Float64Array(t.k);
  const state = newLossState();
  lossAndGradient(t, w, a, gradW, gradA, state);
  if (aGradientCancels(t, a, gradA)) aGradientDoubleDouble(t, w, a, gradA);
  return { loss: state.loss, phi: state.phi, gradW, gradA };
}
