/**
 * The independent high-precision reference for the population loss of the two-layer
 * non-overlapping ResNet and its gradients (THEORY.md §1–2):
 *
 *   L(w, a) = (1/4π) [ (π−1) ‖a − a*‖² + (1ᵀ(a − a*))² ] + h(φ) aᵀa* / (2π)
 *   ∇_a L   = (1/2π) [ (π−1)(a − a*) + 1·1ᵀ(a − a*) + h(φ) a* ]
 *   ∇_w L   = −(aᵀa*)(π − φ) / (2π ‖e + w‖) · (v* − cos φ · v)
 *
 * with e = 1_p/√p (exact: carried symbolically as s = 1/√p), u = e + w, v = u/‖u‖, v* likewise,
 * φ = ∠(v, v*), h(φ) = π − (π − φ) cos φ − sin φ.
 *
 * Method (shares no code with src/model/): inputs are converted exactly (./exact-double.ts);
 * every polynomial quantity (norms, dot products, the Gram determinant, the direction
 * ‖u‖²u* − (uᵀu*)u, S, Q, aᵀa*) is computed exactly in BigInt arithmetic over Q(1/√p)
 * (./exact-terms.ts), so the cases φ = 0, φ = π, φ = π/2, u = 0 and every exact zero of an output
 * are decided exactly; the transcendental rest is evaluated by ./evaluate-core.ts at a working
 * precision P = digits + 25 that is raised automatically (Ziv's strategy) until every output
 * is certified to relative error below 10^−(digits+10). Outputs are then rounded half-even to
 * `digits` significant digits, so each is correctly rounded unless it lies within 10^−10 ulp of
 * a rounding midpoint (then it is one of the two neighbours).
 *
 * Arithmetic: decimal.js, only through private `Decimal.clone`s (./decimal-context.ts), carries
 * the O(1) scalar formulas; the O(k + p) per-component work, the power series (./series.ts) and
 * square roots run in BigInt (exact, or fixed point with guard digits), which is 10–100× faster
 * than decimal.js at these precisions.
 *
 * ## Special cases
 * - w = w*, a = a*: loss and both gradients are exactly 0; so on the whole ray e + w = c(e + w*),
 *   c > 0, with a = a*.
 * - e + w = 0 (possible only when 1/√p is a double, p = 4^j): RangeError; likewise e + w* = 0.
 * - aᵀa* = 0 or φ = π: ∇_w L = 0 exactly.
 * - Adversarial inputs whose exact answers cancel beyond MAX_WORKING_PRECISION digits: RangeError.
 */
import { Decimal } from 'decimal.js';
import {
  checkDigits,
  DEFAULT_DIGITS,
  type DecimalConstructor,
  formatDecimal,
  MAX_DIGITS,
  MAX_WORKING_PRECISION,
  roundTo,
  workingContext,
} from './decimal-context.ts';
import { type CoreValues, evaluateAt } from './evaluate-core.ts';
import { type ReferenceInput, toExactInput } from './exact-input.ts';
import { type ExactTerms, exactTerms } from './exact-terms.ts';
import { surdIsZero } from './quadratic-surd.ts';
import { formatScaled, roundScaled, type Scaled, toDecimal } from './scaled.ts';

export type { ReferenceInput, ReferenceScalar } from './exact-input.ts';
export type { DecimalConstructor } from './decimal-context.ts';
export { DEFAULT_DIGITS, makeReferenceContext } from './decimal-context.ts';

export interface ReferenceOptions {
  /** Significant digits of the results (default 40). */
  readonly digits?: number;
}

/** Results as plain decimal strings rounded to `digits` significant digits ("0" for zero). */
export interface ReferenceResult {
  readonly loss: string;
  readonly phi: string;
  readonly gradW: string[];
  readonly gradA: string[];
}

/**
 * Results as decimal.js values: instances of a shared private constructor of precision `digits`
 * (do not reconfigure it; use makeReferenceContext(digits) for a constructor of your own).
 */
export interface ReferenceDecimalResult {
  readonly digits: number;
  readonly loss: Decimal;
  /** φ = ∠(e + w, e + w*) ∈ [0, π]. */
  readonly phi: Decimal;
  /** π − φ (full relative precision near φ = π). */
  readonly piMinusPhi: Decimal;
  /** h(φ) = π − g(φ). */
  readonly h: Decimal;
  /** ‖e + w‖. */
  readonly normU: Decimal;
  /** ‖e + w*‖. */
  readonly normUStar: Decimal;
  /** aᵀa*. */
  readonly aDotAStar: Decimal;
  readonly gradW: Decimal[];
  readonly gradA: Decimal[];
}

/** Guard digits of the first working precision. */
const INITIAL_GUARD = 25;
/** Certified relative accuracy, in digits beyond the requested ones. */
const TARGET_GUARD = 10;

/** Exact terms of a validated input; rejects e + w = 0 and e + w* = 0. */
function prepare(input: ReferenceInput): ExactTerms {
  const terms = exactTerms(toExactInput(input));
  if (surdIsZero(terms.normUSquared, terms.field)) {
    throw new RangeError(
      `e + w must be non-zero (got e + w = 0 exactly: w = −1/√p·1 with p = ${terms.p})`,
    );
  }
  if (surdIsZero(terms.normUStarSquared, terms.field)) {
    throw new RangeError(
      `e + wStar must be non-zero (got e + wStar = 0 exactly: wStar = −1/√p·1 with p = ${terms.p})`,
    );
  }
  return terms;
}

/** The adaptive-precision loop: raises P until every certified output meets its target. */
function evaluateCertified(terms: ExactTerms, digits: number, withGradients: boolean): CoreValues {
  const target = digits + TARGET_GUARD;
  let precision = digits + INITIAL_GUARD;
  for (;;) {
    const { values, deficit } = evaluateAt(terms, precision, target, withGradients);
    if (deficit <= 0) return values;
    precision += Math.max(Math.ceil(deficit), 1) + 10;
    if (precision > MAX_WORKING_PRECISION) {
      throw new RangeError(
        `reference: the result cancels beyond ${MAX_WORKING_PRECISION} working digits (p = ${terms.p}, k = ${terms.k})`,
      );
    }
  }
}

/** Scalars rounded to `digits` (decimal.js), vectors rounded to `digits` (exact decimals). */
interface RoundedValues {
  readonly scalars: Omit<ReferenceDecimalResult, 'gradW' | 'gradA'>;
  readonly gradW: Scaled[];
  readonly gradA: Scaled[];
}

function evaluateRounded(input: ReferenceInput, options: ReferenceOptions): RoundedValues {
  const digits = options.digits ?? DEFAULT_DIGITS;
  checkDigits(digits, 'digits', MAX_DIGITS);
  const values = evaluateCertified(prepare(input), digits, true);
  const out = workingContext(digits);
  const r = (x: Decimal): Decimal => roundTo(x, digits, out);
  const rv = (x: Scaled): Scaled => roundScaled(x, digits);
  return {
    scalars: {
      digits,
      loss: r(values.loss),
      phi: r(values.phi),
      piMinusPhi: r(values.piMinusPhi),
      h: r(values.h),
      normU: r(values.normU),
      normUStar: r(values.normUStar),
      aDotAStar: r(values.aDotAStar),
    },
    gradW: (values.gradW ?? []).map(rv),
    gradA: (values.gradA ?? []).map(rv),
  };
}

/**
 * Loss, angle and both gradients as decimal.js values rounded to `digits` (default 40)
 * significant digits.
 * @throws RangeError on malformed input (naming value and shape) or e + w = 0.
 */
export function referenceEvaluateDecimal(input: ReferenceInput, options: ReferenceOptions = {}): ReferenceDecimalResult {
  const { scalars, gradW, gradA } = evaluateRounded(input, options);
  const out = workingContext(scalars.digits);
  const d = (x: Scaled): Decimal => toDecimal(x, out);
  return { ...scalars, gradW: gradW.map(d), gradA: gradA.map(d) };
}

/**
 * Loss, angle and both gradients as decimal strings rounded to `digits` (default 40)
 * significant digits, formatted as decimal.js's toString (exponential notation below 1e−6 and
 * from 1e21); zeros are "0".
 * @throws RangeError on malformed input (naming value and shape) or e + w = 0.
 */
export function referenceEvaluate(input: ReferenceInput, options: ReferenceOptions = {}): ReferenceResult {
  const { scalars, gradW, gradA } = evaluateRounded(input, options);
  const f = (x: Decimal): string => formatDecimal(x, scalars.digits);
  return { loss: f(scalars.loss), phi: f(scalars.phi), gradW: gradW.map(formatScaled), gradA: gradA.map(formatScaled) };
}

/**
 * The loss alone, as an instance of `ctx` rounded to `ctx.precision` significant digits (for
 * high-precision central finite differences: entries may be exact Decimals such as w ± h·e_i).
 * @throws RangeError on malformed input or e + w = 0.
 */
export function referenceLossAt(ctx: DecimalConstructor, input: ReferenceInput): Decimal {
  const digits = ctx.precision;
  checkDigits(digits, 'digits', MAX_DIGITS);
  const values = evaluateCertified(prepare(input), digits, false);
  return roundTo(values.loss, digits, ctx);
}
