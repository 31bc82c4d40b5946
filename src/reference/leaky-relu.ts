/**
 * The high-precision twin of ../model/leaky-relu-population-loss.ts: the population loss of the
 * two-layer model with leaky ReLU σ(s) = max(s, λs), λ ∈ [0, 1], and its gradients, in decimal.js
 * at a working precision of `digits` + 30 or more. It shares no code with src/model/ and derives
 * the dual activation another way: σ(x) = α x + β |x| with α = (1 + λ)/2, β = (1 − λ)/2, so for
 * X, Y standard normal at angle φ (ρ = cos φ), since E[X |Y|] = 0 and
 * E|X||Y| = (2/π)(sin φ + ρ (π/2 − φ)):
 *
 *   κ(ρ) = α² ρ + β² (2/π)(sin φ + ρ (π/2 − φ)),   κ'(ρ) = α² + β² (1 − 2φ/π),
 *   μ = E σ = β √(2/π),   s₂ = E σ² = α² + β²,
 *
 * and the loss from its definition L = ½(E f² − 2 E f y + E y²), with
 * E f² = s₂‖a‖² + μ²((1ᵀa)² − ‖a‖²), E f y = κ aᵀa* + μ²((1ᵀa)(1ᵀa*) − aᵀa*), E y² likewise:
 *
 *   ∂L/∂a_j = s₂ a_j + μ² (1ᵀa − a_j) − κ a*_j − μ² (1ᵀa* − a*_j),
 *   ∇_w L   = −(aᵀa*) κ'(ρ) (v* − ρ v)/‖e + w‖.
 *
 * Geometry: e = 1_p/√p, u = e + w, v = u/‖u‖, likewise v*; d = v* − v, s = v* + v,
 * φ = 2·arctan(‖d‖/‖s‖) (φ = π when s = 0), sin φ = ‖d‖‖s‖/2, ρ = (‖s‖² − ‖d‖²)/4.
 *
 * Inputs are converted exactly (./exact-double.ts). Precision is certified Ziv-style: the whole
 * evaluation is run at P and at P + 30 digits, P = max(digits, 40) + 30, and every output must agree
 * between the two to `digits` + 5 significant digits, else P is doubled (up to
 * MAX_WORKING_PRECISION). The cancellation this guards against is that of
 * L = ½(E f² − 2E fy + E y²) near the optimum, of ∂L/∂a_j near a(φ) and of v* − v near φ = 0.
 * An output that vanishes never agrees relatively, so each output also has a scale S, the sum of
 * the absolute values of the terms of its formula above (π for φ): when both evaluations lie at
 * their own rounding level, |lo| ≤ 10^−(P−10)·S and |hi| ≤ 10^−(P+20)·S, the output is returned
 * as 0. So an output is certified to `digits` significant digits, except one below
 * 10^−(P+20)·S ≤ 10^−90·S, which is certified only to that absolute bound (and is 0); P starts at
 * 70 or more whatever `digits` is, so that this bound stays far below the doubles' resolution.
 * Comparing P with P + 30 cannot see a part that a sum drops at both precisions, so the sums over
 * a and a* (1ᵀa, 1ᵀa*, ‖a‖², ‖a*‖², aᵀa*) are exact (BigInt, ./scaled.ts): with
 * a = (1e-60, 1e60, −1e60) a rounded 1ᵀa would be 0 at both. What the remaining sums can drop is
 * below 10^−(P+30) of a term of the formula (e + w_i and the geometry's sums of squares), under
 * the exception above.
 *
 * ## Special cases
 * - e + w = 0 or e + w* = 0: RangeError. Non-finite entries or wrong lengths: RangeError naming
 *   the value and the shape. λ outside [0, 1], digits not an integer in [1, MAX_DIGITS]: RangeError.
 */
import type { Decimal } from 'decimal.js';
import { checkDigits, type DecimalConstructor, DEFAULT_DIGITS, formatDecimal, MAX_DIGITS, MAX_WORKING_PRECISION, workingContext } from './decimal-context.ts';
import { doubleToDecimal, doubleToScaled } from './exact-double.ts';
import { add, mul, type Scaled, toDecimal, ZERO } from './scaled.ts';
import { atanNonNegative, piAt } from './series.ts';

export interface LeakyReluReferenceInput {
  readonly p: number;
  readonly k: number;
  readonly w: ArrayLike<number>;
  readonly a: ArrayLike<number>;
  readonly wStar: ArrayLike<number>;
  readonly aStar: ArrayLike<number>;
  /** The negative-side slope λ ∈ [0, 1]. */
  readonly lambda: number;
}

/** Results as decimal strings rounded to `digits` significant digits ("0" for zero). */
export interface LeakyReluReferenceResult {
  readonly loss: string;
  readonly phi: string;
  readonly gradW: string[];
  readonly gradA: string[];
}

export interface LeakyReluReferenceValues {
  readonly loss: Decimal;
  readonly phi: Decimal;
  readonly gradW: Decimal[];
  readonly gradA: Decimal[];
}

/** The outputs of one evaluation with the scale S of each (module comment). */
interface ScaledValues extends LeakyReluReferenceValues {
  readonly scale: LeakyReluReferenceValues;
}

function checkInput(x: LeakyReluReferenceInput): void {
  for (const [name, n] of [['p', x.p], ['k', x.k]] as const) {
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`${name} must be a positive integer (got ${n})`);
  }
  for (const [name, v, symbol, n] of [['w', x.w, 'p', x.p], ['wStar', x.wStar, 'p', x.p], ['a', x.a, 'k', x.k], ['aStar', x.aStar, 'k', x.k]] as const) {
    if (v.length !== n) throw new RangeError(`${name} must have length ${symbol} = ${n} (got ${v.length})`);
  }
  if (!(x.lambda >= 0 && x.lambda <= 1)) throw new RangeError(`lambda must be in [0, 1] (got ${x.lambda})`);
}

function exactVector(x: ArrayLike<number>, ctor: DecimalConstructor, name: string): Decimal[] {
  return Array.from({ length: x.length }, (_, i) => doubleToDecimal(x[i], ctor, `${name}[${i}]`));
}

function dot(x: readonly Decimal[], y: readonly Decimal[], ctor: DecimalConstructor): Decimal {
  let s = new ctor(0);
  for (let i = 0; i < x.length; i++) s = s.plus(x[i].times(y[i]));
  return s;
}

/** The sums over a and a*, exact (module comment); the same at every working precision. */
interface ASums {
  readonly aSum: Scaled;
  readonly aStarSum: Scaled;
  readonly aSq: Scaled;
  readonly aStarSq: Scaled;
  readonly cross: Scaled;
}

function aSums(x: LeakyReluReferenceInput): ASums {
  const a = Array.from(x.a, (t, j) => doubleToScaled(t, `a[${j}]`));
  const aStar = Array.from(x.aStar, (t, j) => doubleToScaled(t, `aStar[${j}]`));
  const total = (terms: Scaled[]): Scaled => terms.reduce(add, ZERO);
  return {
    aSum: total(a),
    aStarSum: total(aStar),
    aSq: total(a.map((t) => mul(t, t))),
    aStarSq: total(aStar.map((t) => mul(t, t))),
    cross: total(a.map((t, j) => mul(t, aStar[j]))),
  };
}

/** v = (e + w)/‖e + w‖ and ‖e + w‖. */
function direction(w: readonly Decimal[], e: Decimal, ctor: DecimalConstructor, name: string): { v: Decimal[]; norm: Decimal } {
  const u = w.map((wi) => e.plus(wi));
  const norm = dot(u, u, ctor).sqrt();
  if (norm.isZero()) throw new RangeError(`e + ${name} must be non-zero (got ‖e + ${name}‖ = 0)`);
  return { v: u.map((ui) => ui.div(norm)), norm };
}

/** The whole evaluation at working precision P, with each output's scale (module comment). */
function evaluateAt(x: LeakyReluReferenceInput, sums: ASums, precision: number): ScaledValues {
  const D = workingContext(precision);
  const w = exactVector(x.w, D, 'w');
  const a = exactVector(x.a, D, 'a');
  const wStar = exactVector(x.wStar, D, 'wStar');
  const aStar = exactVector(x.aStar, D, 'aStar');
  const lambda = doubleToDecimal(x.lambda, D, 'lambda');
  const pi = new D(piAt(precision));
  const e = new D(1).div(new D(x.p).sqrt());
  const { v, norm } = direction(w, e, D, 'w');
  const { v: vStar } = direction(wStar, e, D, 'wStar');
  const d = vStar.map((vi, i) => vi.minus(v[i]));
  const s = vStar.map((vi, i) => vi.plus(v[i]));
  const dd = dot(d, d, D);
  const ss = dot(s, s, D);
  const nd = dd.sqrt();
  const ns = ss.sqrt();
  const phi = ns.isZero() ? pi : new D(atanNonNegative(nd.div(ns), precision)).times(2);
  const sin = nd.times(ns).div(2);
  const rho = ss.minus(dd).div(4);
  const alpha = new D(1).plus(lambda).div(2);
  const beta = new D(1).minus(lambda).div(2);
  const twoOverPi = new D(2).div(pi);
  const absMoment = twoOverPi.times(sin.plus(rho.times(pi.div(2).minus(phi)))); // E|X||Y|
  const kappa = alpha.times(alpha).times(rho).plus(beta.times(beta).times(absMoment));
  const slope = alpha.times(alpha).plus(beta.times(beta).times(new D(1).minus(twoOverPi.times(phi))));
  const meanSq = beta.times(beta).times(twoOverPi); // μ² = β²·2/π
  const second = alpha.times(alpha).plus(beta.times(beta));
  // Exact values in the context (decimal.js rounds on arithmetic, not on construction).
  const aSum = toDecimal(sums.aSum, D);
  const aStarSum = toDecimal(sums.aStarSum, D);
  const aSq = toDecimal(sums.aSq, D);
  const aStarSq = toDecimal(sums.aStarSq, D);
  const cross = toDecimal(sums.cross, D);
  // Each output as the sum of the terms of its formula; S is the sum of their absolute values.
  const termsOf = (terms: Decimal[]): { value: Decimal; scale: Decimal } => ({
    value: terms.reduce((acc, t) => acc.plus(t), new D(0)),
    scale: terms.reduce((acc, t) => acc.plus(t.abs()), new D(0)),
  });
  // 2L = E f² − 2E fy + E y², each expectation expanded as in the module comment.
  const twiceLoss = termsOf([
    second.times(aSq),
    meanSq.times(aSum.times(aSum)),
    meanSq.times(aSq).neg(),
    kappa.times(cross).times(-2),
    meanSq.times(aSum.times(aStarSum)).times(-2),
    meanSq.times(cross).times(2),
    second.times(aStarSq),
    meanSq.times(aStarSum.times(aStarSum)),
    meanSq.times(aStarSq).neg(),
  ]);
  const gradA = a.map((aj, j) =>
    termsOf([second.times(aj), meanSq.times(aSum.minus(aj)), kappa.times(aStar[j]).neg(), meanSq.times(aStarSum.minus(aStar[j])).neg()]),
  );
  const coef = cross.times(slope).div(norm).neg();
  const gradW = vStar.map((vi, i) => termsOf([coef.times(vi), coef.times(rho).times(v[i]).neg()]));
  return {
    loss: twiceLoss.value.div(2),
    phi,
    gradW: gradW.map((g) => g.value),
    gradA: gradA.map((g) => g.value),
    scale: { loss: twiceLoss.scale.div(2), phi: pi, gradW: gradW.map((g) => g.scale), gradA: gradA.map((g) => g.scale) },
  };
}

/**
 * The certified value of one output from its evaluations at P and P + 30 (module comment): hi when
 * the two agree to `digits` significant digits, 0 when both lie at their rounding level of the
 * scale S, else null (P must grow).
 */
function settle(lo: Decimal, hi: Decimal, scale: Decimal, precision: number, digits: number): Decimal | null {
  // Zeros are returned as +0 (hi.abs() of a zero, or hi.times(0).abs(): a +0 of hi's context).
  if (lo.minus(hi).abs().lte(hi.abs().times(`1e-${digits}`))) return hi.isZero() ? hi.abs() : hi;
  if (lo.abs().lte(scale.times(`1e-${precision - 10}`)) && hi.abs().lte(scale.times(`1e-${precision + 20}`))) return hi.times(0).abs();
  return null;
}

/**
 * The reference values at `digits` significant digits as decimal.js values of a working context
 * (certified as in the module comment). Throws a RangeError on invalid input or when
 * MAX_WORKING_PRECISION is not enough.
 */
export function referenceLeakyReluDecimal(x: LeakyReluReferenceInput, digits: number = DEFAULT_DIGITS): LeakyReluReferenceValues {
  checkInput(x);
  checkDigits(digits, 'digits', MAX_DIGITS);
  const sums = aSums(x);
  for (let precision = Math.max(digits, DEFAULT_DIGITS) + 30; precision <= MAX_WORKING_PRECISION; precision *= 2) {
    const lo = evaluateAt(x, sums, precision);
    const hi = evaluateAt(x, sums, precision + 30);
    const flat = (r: LeakyReluReferenceValues): Decimal[] => [r.loss, r.phi, ...r.gradW, ...r.gradA];
    const scales = flat(hi.scale);
    const his = flat(hi);
    const values = flat(lo).map((l, i) => settle(l, his[i], scales[i], precision, digits + 5));
    if (isComplete(values)) return { loss: values[0], phi: values[1], gradW: values.slice(2, 2 + x.p), gradA: values.slice(2 + x.p) };
  }
  throw new RangeError(`leaky-ReLU reference: no agreement to ${digits} digits below precision ${MAX_WORKING_PRECISION}`);
}

function isComplete(values: (Decimal | null)[]): values is Decimal[] {
  return values.every((v) => v !== null);
}

/** The reference values as decimal strings with `digits` significant digits. */
export function referenceLeakyRelu(x: LeakyReluReferenceInput, digits: number = DEFAULT_DIGITS): LeakyReluReferenceResult {
  const r = referenceLeakyReluDecimal(x, digits);
  return {
    loss: formatDecimal(r.loss, digits),
    phi: formatDecimal(r.phi, digits),
    gradW: r.gradW.map((g) => formatDecimal(g, digits)),
    gradA: r.gradA.map((g) => formatDecimal(g, digits)),
  };
}
