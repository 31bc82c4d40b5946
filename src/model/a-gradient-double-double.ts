/**
 * ∇_a L in double-double (THEORY.md §2), for the points where the double kernel's ∇_a L cancels:
 *
 *   ∇_a L = ((π − 1)(a − a*) + 1·1ᵀ(a − a*) + h(φ) a*) / 2π                (φ ≤ π/2)
 *         = ((π − 1)a + (a* + 1·1ᵀ(a − a*)) − g(φ) a*) / 2π               (φ > π/2),
 *
 * the kernel's two groupings (./population-loss.ts; h = π − g), with h(φ) = 2π sin²(φ/2) − q(φ) and
 * g(φ) = q(π − φ), q(x) = sin x − x cos x (./angle-functions.ts). Near D4's a(φ), where ∇_a L = 0,
 * its terms are many times larger than their sum, and the double kernel's error (φ's last ulp,
 * through h) is amplified by that ratio: model.float-vs-reference's former counterexample had a
 * 60-fold cancellation and a relative error of 1.02e-13. Here every quantity is carried in
 * double-double (./double-double.ts):
 * - the unit vectors v = u/‖u‖ and v* = u* / ‖u*‖, from u = e + w with e = 1/√p to 106 bits
 *   (e + Teacher.eLo), after an exact power-of-two scaling;
 * - ‖d‖² and ‖s‖² for d = v* − v, s = v* + v, so that sin²(φ/2) = ‖d‖²/(‖d‖² + ‖s‖²);
 * - θ = φ/2 = atan2(‖d‖, ‖s‖): the double atan2 θ₀, then θ = θ₀ + δ with
 *   tan δ = (‖d‖ cos θ₀ − ‖s‖ sin θ₀)/(‖s‖ cos θ₀ + ‖d‖ sin θ₀) (exact), δ ≈ 1e-16, so taking
 *   δ for atan δ errs by δ³/3; π − φ = 2(π/2 − θ);
 * - q by its series below 1 (terms of one size order, no cancellation) and as sin x − x cos x
 *   above, each at the double part of its argument plus q'(x) = x sin x times the low part;
 * - a_j − a*_j exactly (TwoSum), 1ᵀ(a − a*) summed in double-double, and the terms of ∇_a L.
 * As in the kernel, the grouping keeps g ~ (π − φ)³/3 from being the difference of π-sized terms
 * near φ = π. Each quantity is accurate to a few units of 2⁻¹⁰⁶ relative to the terms it is made
 * of, so the double result is ∇_a L to about one ulp unless its terms cancel by more than ~1e14.
 */
import { sumOfDifferences2 } from './compensated-sum.ts';
import {
  add,
  divide,
  type DoubleDouble,
  multiply,
  PI,
  scale,
  sinCos,
  sqrt,
  subtract,
  twoSum,
} from './double-double.ts';
import type { Teacher } from './teacher.ts';

/**
 * The double kernel's ∇_a L is refined when its terms exceed 2π‖∇_a L‖ by this factor. Its error
 * grows by up to about 8u per unit of that ratio (1.02e-13 at 60 at the former counterexample), so
 * below 4 it stays under 32u = 3.6e-15, far inside the 1e-13 allowance.
 */
export const A_GRADIENT_CANCELLATION = 4;

/**
 * Whether the terms of ∇_a L (bounded entrywise by (π − 1)(|a_j| + |a*_j|) + |1ᵀ(a − a*)| + π|a*_j|,
 * which covers both of the kernel's groupings) exceed 2π‖∇_a L‖ by more than
 * {@link A_GRADIENT_CANCELLATION}, normwise.
 */
export function aGradientCancels(t: Teacher, a: Float64Array, gradA: Float64Array): boolean {
  const aStar = t.aStar;
  const sumDiff = Math.abs(sumOfDifferences2(a, aStar));
  let terms = 0;
  let grad = 0;
  for (let j = 0; j < t.k; j++) {
    const bound = (Math.PI - 1) * (Math.abs(a[j]) + Math.abs(aStar[j])) + sumDiff + Math.PI * Math.abs(aStar[j]);
    terms += bound * bound;
    grad += gradA[j] * gradA[j];
  }
  return Math.sqrt(terms) > A_GRADIENT_CANCELLATION * 2 * Math.PI * Math.sqrt(grad);
}

/**
 * (e + x)/‖e + x‖ in double-double, e = 1/√p = e + eLo: each e + x_i by TwoSum, scaled by a power
 * of two so that the largest entry is near 1 (exact; keeps TwoProduct's splitting in range),
 * then divided by its double-double norm.
 */
function unitDirection(x: Float64Array, e: number, eLo: number): DoubleDouble[] {
  const u = Array.from(x, (xi) => {
    const [hi, lo] = twoSum(e, xi);
    return twoSum(hi, lo + eLo);
  });
  let largest = 0;
  for (const ui of u) largest = Math.max(largest, Math.abs(ui[0]));
  const exponent = Math.floor(Math.log2(largest));
  const half = Math.trunc(-exponent / 2);
  const scaled = u.map((ui) => scale(scale(ui, 2 ** half), 2 ** (-exponent - half)));
  let normSq: DoubleDouble = [0, 0];
  for (const ui of scaled) normSq = add(normSq, multiply(ui, ui));
  const norm = sqrt(normSq);
  return scaled.map((ui) => divide(ui, norm));
}

/** q(x) = sin x − x cos x for a double-double x ∈ [0, π] (module comment). */
function sinMinusXCos(x: DoubleDouble): DoubleDouble {
  const [hi, lo] = x;
  let q: DoubleDouble;
  if (hi < 1) {
    // Σ_{n≥1} (−1)^{n+1} 2n x^{2n+1}/(2n+1)!: the terms fall by x²/((2n+2)(2n+3)) < 1/20 each.
    const x2 = multiply([hi, 0], [hi, 0]);
    let term = divide(multiply([hi, 0], x2), [6, 0]);
    q = scale(term, 2);
    for (let n = 2; n <= 20; n++) {
      term = divide(multiply(term, x2), [-(2 * n) * (2 * n + 1), 0]);
      q = add(q, multiply(term, [2 * n, 0]));
    }
  } else {
    const { sin, cos } = sinCos(hi);
    q = subtract(sin, multiply([hi, 0], cos));
  }
  return add(q, [hi * Math.sin(hi) * lo, 0]);
}

/**
 * Overwrites `gradA` with ∇_a L(w, a) computed in double-double (module comment). Leaves it as it is
 * if a refined entry is not finite (entries beyond about 1e300, where splitting overflows).
 */
export function aGradientDoubleDouble(t: Teacher, w: Float64Array, a: Float64Array, gradA: Float64Array): void {
  const v = unitDirection(w, t.e, t.eLo);
  const vStar = unitDirection(t.wStar, t.e, t.eLo);
  let dd: DoubleDouble = [0, 0];
  let ss: DoubleDouble = [0, 0];
  for (let i = 0; i < t.p; i++) {
    const d = subtract(vStar[i], v[i]);
    const s = add(vStar[i], v[i]);
    dd = add(dd, multiply(d, d));
    ss = add(ss, multiply(s, s));
  }
  const nd = sqrt(dd);
  const ns = sqrt(ss);
  const theta0 = Math.atan2(nd[0], ns[0]);
  const { sin, cos } = sinCos(theta0);
  const delta = subtract(multiply(nd, cos), multiply(ns, sin))[0] / (ns[0] * cos[0] + nd[0] * sin[0]);
  const theta = add([theta0, 0], [delta, 0]);

  const aStar = t.aStar;
  const diff = Array.from(a, (aj, j) => twoSum(aj, -aStar[j]));
  let sumDiff: DoubleDouble = [0, 0];
  for (const dj of diff) sumDiff = add(sumDiff, dj);
  const piMinusOne = subtract(PI, [1, 0]);
  const twoPi = scale(PI, 2);
  let terms: (j: number) => DoubleDouble;
  if (nd[0] <= ns[0]) {
    const h = subtract(multiply(twoPi, divide(dd, add(dd, ss))), sinMinusXCos(scale(theta, 2)));
    terms = (j) => add(add(multiply(piMinusOne, diff[j]), sumDiff), multiply(h, [aStar[j], 0]));
  } else {
    const g = sinMinusXCos(scale(subtract(scale(PI, 0.5), theta), 2));
    terms = (j) => subtract(add(multiply(piMinusOne, [a[j], 0]), add([aStar[j], 0], sumDiff)), multiply(g, [aStar[j], 0]));
  }
  const refined = diff.map((_, j) => divide(terms(j), twoPi)[0]);
  if (refined.every(Number.isFinite)) gradA.set(refined);
}
