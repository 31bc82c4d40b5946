/**
 * The closed-form population loss of the two-layer non-overlapping ResNet and its gradients
 * (THEORY.md §2), fused into one O(k + p) kernel that writes into caller buffers:
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
 * - h(φ) from {@link ./angle-functions.ts}; aᵀa* by Dot2 and 1ᵀ(a − a*) by Sum2.
 *
 * Error model (measured by properties/model.reference.prop.ts against the decimal.js twin): away
 * from φ = 0, φ = π and e + w = 0, every output has normwise relative error below 1e-14 for
 * k, p ≤ 2000; within distance δ of those sets it grows like u/δ, the conditioning of the inputs.
 * At (w, a) = (w*, a*) the loss and both gradients are exactly 0.
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

const PI = Math.PI;
const INV_2PI = 1 / (2 * Math.PI);
const INV_4PI = 1 / (4 * Math.PI);

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
  const p = t.p;
  const k = t.k;
  if (w.length !== p) throw new RangeError(`w must have length p = ${p} (got ${w.length})`);
  if (a.length !== k) throw new RangeError(`a must have length k = ${k} (got ${a.length})`);
  if (gradW.length !== p) throw new RangeError(`gradW must have length p = ${p} (got ${gradW.length})`);
  if (gradA.length !== k) throw new RangeError(`gradA must have length k = ${k} (got ${gradA.length})`);
  const e = t.e;
  const wStar = t.wStar;
  const uStar = t.uStar;
  const vStar = t.vStar;
  const nStar = t.normUStar;

  // ‖u‖ and ‖u‖ − ‖u*‖ = (w − w*)ᵀ(u + u*)/(‖u‖ + ‖u*‖).
  const n = shiftedNorm(w, e);
  if (!(n > 0)) throw new RangeError('e + w must be non-zero (got ‖e + w‖ = 0)');
  let cross = 0;
  for (let i = 0; i < p; i++) {
    const wi = w[i];
    cross += (wi - wStar[i]) * (e + wi + uStar[i]);
  }
  const delta = cross / (n + nStar) / (n * nStar); // (‖u‖ − ‖u*‖)/(‖u‖‖u*‖)
  const invN = 1 / n;
  const invNStar = 1 / nStar;

  // ‖d‖², ‖s‖² with d = v* − v, s = v* + v.
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

  // a-block scalars.
  const aStar = t.aStar;
  const aDotAStar = dot2(a, aStar);
  const sumDiff = sumOfDifferences2(a, aStar);
  let sq = 0;
  for (let j = 0; j < k; j++) {
    const dj = a[j] - aStar[j];
    sq += dj * dj;
  }
  const h = hOfPhi(phi);
  const loss = ((PI - 1) * sq + sumDiff * sumDiff) * INV_4PI + h * aDotAStar * INV_2PI;

  for (let j = 0; j < k; j++) {
    gradA[j] = ((PI - 1) * (a[j] - aStar[j]) + sumDiff + h * aStar[j]) * INV_2PI;
  }

  const coef = (-aDotAStar * piMinusPhi * INV_2PI) * invN;
  if (nd <= ns) {
    const along = (dd / 2) * invN; // (‖d‖²/2)·v = (‖d‖²/2)·u/‖u‖
    for (let i = 0; i < p; i++) {
      const wi = w[i];
      const ui = e + wi;
      gradW[i] = coef * ((wStar[i] - wi) * invNStar + ui * delta + ui * along);
    }
  } else {
    const along = (ss / 2) * invN;
    for (let i = 0; i < p; i++) {
      const ui = e + w[i];
      gradW[i] = coef * (ui * invN + vStar[i] - ui * along);
    }
  }

  state.loss = loss;
  state.phi = phi;
  state.piMinusPhi = piMinusPhi;
  state.normU = n;
  state.aDotAStar = aDotAStar;
  state.h = h;
  return loss;
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
