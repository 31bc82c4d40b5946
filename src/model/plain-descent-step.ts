/**
 * One closed-form GD step (THEORY.md §2, §7) in plain arithmetic: the fast path of
 * ../optim/descent.ts for the part of a run where plain arithmetic is accurate enough, beside the
 * cancellation-free kernel of ./population-loss.ts, which the loop uses everywhere else.
 *
 *   cos φ = uᵀu* / (‖u‖‖u*‖),  φ = acos(cos φ),  π − φ = acos(−cos φ),      u = e + w,
 *   ∇_w L = −(aᵀa*)(π − φ)/(2π‖u‖) · (v* − cos φ · u/‖u‖),
 *   ∇_a L = ((π − 1)(a − a*) + 1ᵀ(a − a*) + h a*)/2π        (φ ≤ π/2)
 *         = ((π − 1)a + 1ᵀ(a − a*) + (1 − g) a*)/2π          (φ > π/2; h = π − g, no cancellation at a = 0)
 *   L     = ((π − 1)‖a − a*‖² + (1ᵀ(a − a*))²)/4π + h(φ) aᵀa* / 2π,
 *
 * with h(φ) and g(φ) = q(π − φ) from ./angle-functions.ts and every sum a plain loop. A step is one
 * pass over w and one over a: each applies the update and accumulates the sums of the next iterate
 * (‖u‖², uᵀu*; aᵀa*, 1ᵀ(a − a*), ‖a − a*‖²). No allocation, no compensated arithmetic.
 *
 * Where it is used (see {@link plainEvaluate}): the sums carry relative errors of about √n·u
 * (n = p or k, u = 2⁻⁵³), so cos φ has an absolute error ε ≈ 2√p·u and acos turns it into a relative
 * error ε/φ² of φ near 0 (ε/(π − φ)² near π); ∇_w L's direction v* − cos φ·v has relative error
 * about ε/sin φ; aᵀa* has relative error k·u·Σ|a_j a*_j|/|aᵀa*|. The plain step is taken only while
 *
 *   φ ≥ 1/4, π − φ ≥ 1/4, 1/2 ≤ ‖e + w‖ < 1e150, |aᵀa*| ≥ 1e-6 (‖a − a*‖ + ‖a*‖)‖a*‖,
 *
 * which bounds them by about 4ε ≈ 8√p·u (∇_w L's direction), 16ε (φ) and 1e-6 (aᵀa*, in the worst
 * case) — e = fl(1/√p) is rounded, and near e + w = 0 that rounding is amplified by 1/‖e + w‖,
 * which the third bound keeps below 2 (its cap of 1e150 only keeps ‖e + w‖² far from overflow).
 * Measured against the cancellation-free kernel (test/model/plain-descent-step.test.ts, p, k ≤
 * 600): the loss to 2.0e-15, φ to 2.2e-14, the update to 1.4e-14, relative. The rest of a run —
 * the tail of a converging run (φ → 0), of a trapped one (φ → π), starts near e + w = 0 or with
 * aᵀa* ≈ 0 — runs on ./population-loss.ts. Final states and recorded
 * trajectories are always evaluated there.
 */
import { gFromComplement, hOfPhi } from './angle-functions.ts';
import type { LossState } from './population-loss.ts';
import type { Teacher } from './teacher.ts';

const PI = Math.PI;
const INV_2PI = 1 / (2 * Math.PI);
const INV_4PI = 1 / (4 * Math.PI);
/**
 * The plain step's region (module comment). φ and π − φ at least 1/4: there the direction error
 * ε/sin φ of ∇_w L stays within 4ε, the size of the kernel's own (the w-block identities D1–D3 and
 * rebuttal.lemma5-any-w0 check GD's steps against the kernel's error model: with 1e-4 the latter
 * found steps off by 14 110·u·√p at π − φ ≈ 1e-3 and η_w = 2421).
 */
export const PLAIN_MIN_ANGLE = 0.25;
/** ‖e‖ = 1: below ‖e + w‖ = 1/2, e's own rounding (and e + w's cancellation) costs more than 2u. */
export const PLAIN_MIN_NORM = 0.5;
export const PLAIN_MIN_ALIGNMENT = 1e-6;

/** The plain sums of one iterate and the scalars of its step: a caller-owned object, overwritten. */
export interface PlainSums {
  /** ‖u‖² and uᵀu*, u = e + w. */
  normUSq: number;
  uDotUStar: number;
  /** aᵀa*, 1ᵀ(a − a*), ‖a − a*‖². */
  aDotAStar: number;
  sumDiff: number;
  sqDiff: number;
  /** The step's scalars (set by {@link plainEvaluate}). */
  coef: number;
  cosOverN: number;
  near: boolean;
  h: number;
  oneMinusG: number;
  /** The step sizes of the next {@link plainDescentStep}. */
  etaW: number;
  etaA: number;
}

export function newPlainSums(): PlainSums {
  return { normUSq: NaN, uDotUStar: NaN, aDotAStar: NaN, sumDiff: NaN, sqDiff: NaN, coef: NaN, cosOverN: NaN, near: true, h: NaN, oneMinusG: NaN, etaW: NaN, etaA: NaN };
}

/** The sums of (w, a) into `s` (one pass over each vector). Shapes are the caller's responsibility. */
export function plainSumIterate(t: Teacher, w: Float64Array, a: Float64Array, s: PlainSums): void {
  const e = t.e;
  const uStar = t.uStar;
  const aStar = t.aStar;
  let normUSq = 0;
  let dot = 0;
  for (let i = 0; i < t.p; i++) {
    const y = w[i] + e;
    normUSq += y * y;
    dot += y * uStar[i];
  }
  let aa = 0;
  let sum = 0;
  let sq = 0;
  for (let j = 0; j < t.k; j++) {
    const bj = aStar[j];
    const aj = a[j];
    aa += aj * bj;
    const dj = aj - bj;
    sum += dj;
    sq += dj * dj;
  }
  s.normUSq = normUSq;
  s.uDotUStar = dot;
  s.aDotAStar = aa;
  s.sumDiff = sum;
  s.sqDiff = sq;
}

/**
 * From the sums in `s`: fills `state` (loss, φ, π − φ, ‖e + w‖, aᵀa*, h) and the step's scalars,
 * and returns whether the iterate is in the plain step's region (module comment). When it is not,
 * `state` and the scalars are not to be used.
 */
export function plainEvaluate(t: Teacher, s: PlainSums, state: LossState): boolean {
  const n = Math.sqrt(s.normUSq);
  if (!(n >= PLAIN_MIN_NORM && n < 1e150)) return false;
  // Rounding can put c just outside [−1, 1] (only where φ or π − φ is far below 1/4), and an
  // overflowed uᵀu* makes it infinite: acos is then NaN, which the region test below rejects.
  const c = s.uDotUStar / n / t.normUStar;
  const phi = Math.acos(c);
  const piMinusPhi = Math.acos(-c);
  const aa = s.aDotAStar;
  const scale = (Math.sqrt(s.sqDiff) + Math.sqrt(t.aStarNormSq)) * Math.sqrt(t.aStarNormSq);
  if (!(phi >= PLAIN_MIN_ANGLE && piMinusPhi >= PLAIN_MIN_ANGLE && Math.abs(aa) >= PLAIN_MIN_ALIGNMENT * scale)) return false;
  const h = hOfPhi(phi);
  const invN = 1 / n;
  s.coef = -aa * piMinusPhi * INV_2PI * invN;
  s.cosOverN = c * invN;
  s.near = phi <= PI / 2;
  s.h = h;
  s.oneMinusG = 1 - gFromComplement(piMinusPhi);
  const sumDiff = s.sumDiff;
  state.loss = ((PI - 1) * s.sqDiff + sumDiff * sumDiff) * INV_4PI + h * aa * INV_2PI;
  state.phi = phi;
  state.piMinusPhi = piMinusPhi;
  state.normU = n;
  state.aDotAStar = aa;
  state.h = h;
  return true;
}

/**
 * w ← w − η_w ∇_w L, a ← a − η_a ∇_a L in place at an iterate {@link plainEvaluate} accepted (η
 * from `s`), leaving the sums of the new iterate in `s`. Returns 1 (STEP_CHANGED of
 * ./population-loss.ts) if some entry changed, plus 2 (STEP_NONFINITE_SUMS) if a sum of the new
 * iterate is not finite. The flag is an integer for the reason given at that module's descentStep.
 */
export function plainDescentStep(t: Teacher, w: Float64Array, a: Float64Array, s: PlainSums): number {
  const e = t.e;
  const uStar = t.uStar;
  const vStar = t.vStar;
  const aStar = t.aStar;
  const coef = s.coef;
  const cosOverN = s.cosOverN;
  const etaW = s.etaW;
  const etaA = s.etaA;
  let changed = 0;
  let normUSq = 0;
  let dot = 0;
  for (let i = 0; i < t.p; i++) {
    const wi = w[i];
    const next = wi - etaW * (coef * (vStar[i] - cosOverN * (wi + e)));
    w[i] = next;
    changed |= next !== wi ? 1 : 0;
    const y = next + e;
    normUSq += y * y;
    dot += y * uStar[i];
  }
  // ∇_a L_j = (A·a_j + B·a*_j + C·(a_j − a*_j) + 1ᵀ(a − a*))/2π: near (A, B, C) = (0, h, π − 1),
  // far (π − 1, 1 − g, 0) (module comment).
  const near = s.near;
  const cA = near ? 0 : PI - 1;
  const cB = near ? s.h : s.oneMinusG;
  const cC = near ? PI - 1 : 0;
  const sumDiff = s.sumDiff;
  let aa = 0;
  let sum = 0;
  let sq = 0;
  for (let j = 0; j < t.k; j++) {
    const aj = a[j];
    const bj = aStar[j];
    const next = aj - etaA * ((cA * aj + cB * bj + cC * (aj - bj) + sumDiff) * INV_2PI);
    a[j] = next;
    changed |= next !== aj ? 1 : 0;
    aa += next * bj;
    const dj = next - bj;
    sum += dj;
    sq += dj * dj;
  }
  s.normUSq = normUSq;
  s.uDotUStar = dot;
  s.aDotAStar = aa;
  s.sumDiff = sum;
  s.sqDiff = sq;
  return changed | (Number.isFinite(normUSq + dot + aa + sum + sq) ? 0 : 2);
}
