/**
 * The closed forms of THEORY.md §2 at one working precision P, from the exact terms of
 * ./exact-terms.ts, with a certificate for the sums that can cancel:
 *
 *   L      = [ (π−1) Q + S² + 2 h(φ) D ] / (4π)                                   (THEORY.md §2, L)
 *   ∇_a L  = [ (π−1) δ_j + S + h(φ) a*_j ] / (2π)                                  (THEORY.md §2, ∇_a L)
 *   ∇_w L  = −D (π − φ) / (2π ‖u‖) · (v* − cos φ · v)
 *          = −D (π − φ) / (2π p ‖u‖ ‖u*‖ ‖u‖²) · (p·t_i)                            (THEORY.md §2, ∇_w L)
 *
 * with δ = a − a*, S = 1ᵀδ, Q = ‖δ‖², D = aᵀa*, t = ‖u‖²u* − (uᵀu*)u (exact, ./exact-terms.ts),
 * φ, π − φ, h from ./angle.ts. ∇_w L is a product of well-conditioned factors once p·t_i is
 * evaluated to relative precision (./quadratic-surd.ts), so it needs no certificate; L and ∇_a L
 * are sums of signed terms and are certified by ./certified-sum.ts. The per-component work
 * (k + p outputs) is BigInt arithmetic: exact inputs times scalar constants rounded to P digits,
 * summed exactly; only the O(1) scalar part uses decimal.js. At the special angles
 * φ ∈ {0, π/2, π}, h = hPi·π + hOne and each sum is regrouped as π·X + Y with X, Y exact, so its
 * exact zeros are found exactly (e.g. L = 0 at (w*, a*); ∇_a L = 0 at k = 1, a = 0, φ = π).
 */
import type { Decimal } from 'decimal.js';
import { angleAt, type AngleValues } from './angle.ts';
import { type Certified, certifiedScaledSum, certifiedSum } from './certified-sum.ts';
import { workingContext } from './decimal-context.ts';
import { directionCoefficients, directionComponent, type ExactTerms } from './exact-terms.ts';
import { sqrtDecimal } from './fixed-point.ts';
import { evaluateSurd, evaluateSurdScaled, surdSign } from './quadratic-surd.ts';
import { add, fromDecimal, isZero, mul, mulInt, type Scaled, sub, toDecimal, ZERO } from './scaled.ts';
import { piAt } from './series.ts';

/** Scalars at working precision (instances of workingContext(P)); vectors as BigInt values. */
export interface CoreValues {
  readonly loss: Decimal;
  readonly phi: Decimal;
  readonly piMinusPhi: Decimal;
  readonly h: Decimal;
  readonly normU: Decimal;
  readonly normUStar: Decimal;
  readonly aDotAStar: Decimal;
  /** ∇_w L, each with relative error below 10^(ERROR_EXPONENT − P). */
  readonly gradW: Scaled[] | null;
  /** ∇_a L (certified with the loss). */
  readonly gradA: Scaled[] | null;
}

export interface CoreEvaluation {
  readonly values: CoreValues;
  /** Largest shortfall of working digits over all certified outputs (≤ 0: all certified). */
  readonly deficit: number;
}

/** 4πL as a certified sum. */
function scaledLoss(terms: ExactTerms, angle: AngleValues, pi: Decimal, precision: number, target: number): Certified<Decimal> {
  const ctor = workingContext(precision);
  const { sumSquaredDiff: q, sumDiff: s, aDotAStar: d } = terms;
  const sym = angle.symbolic;
  if (sym !== null) {
    // (π−1)Q + S² + 2(hPi π + hOne)D = π(Q + 2 hPi D) + (S² − Q + 2 hOne D)
    const x = add(q, mulInt(d, 2n * sym.hPi));
    const y = add(sub(mul(s, s), q), mulInt(d, 2n * sym.hOne));
    return certifiedSum([pi.times(toDecimal(x, ctor)), toDecimal(y, ctor).toSignificantDigits(precision)], precision, target);
  }
  return certifiedSum(
    [
      pi.minus(1).times(toDecimal(q, ctor)),
      toDecimal(mul(s, s), ctor).toSignificantDigits(precision),
      angle.h.times(toDecimal(d, ctor)).times(2),
    ],
    precision,
    target,
  );
}

/** ∇_a L = [(π−1)δ_j + S + h a*_j]/(2π) for all j, certified. */
function gradAVector(terms: ExactTerms, angle: AngleValues, pi: Decimal, precision: number, target: number): Certified<Scaled[]> {
  const ctor = workingContext(precision);
  const twoPi = pi.times(2);
  const c2 = fromDecimal(new ctor(1).div(twoPi));
  const out: Scaled[] = new Array(terms.k);
  let deficit = -Infinity;
  const sym = angle.symbolic;
  const { diff, sumDiff } = terms;
  const aStar = terms.input.aStar;
  if (sym !== null) {
    // [π(δ + hPi a*) + (S − δ + hOne a*)]/(2π) = X/2 + Y/(2π)
    for (let j = 0; j < terms.k; j++) {
      const x = add(diff[j], mulInt(aStar[j], sym.hPi));
      const y = add(sub(sumDiff, diff[j]), mulInt(aStar[j], sym.hOne));
      const r = certifiedScaledSum([{ n: x.n * 5n, e: x.e - 1 }, mul(c2, y)], precision, target);
      out[j] = r.value;
      deficit = Math.max(deficit, r.deficit);
    }
    return { value: out, deficit };
  }
  const c1 = fromDecimal(pi.minus(1).div(twoPi));
  const c3 = fromDecimal(angle.h.div(twoPi));
  const cS = mul(c2, sumDiff);
  for (let j = 0; j < terms.k; j++) {
    const r = certifiedScaledSum([mul(c1, diff[j]), cS, mul(c3, aStar[j])], precision, target);
    out[j] = r.value;
    deficit = Math.max(deficit, r.deficit);
  }
  return { value: out, deficit };
}

/**
 * ∇_w L = −D (π−φ)/(2π p ‖u‖ ‖u*‖ ‖u‖²) · (p·t_i); no certificate is needed: p·t_i is
 * evaluated to relative precision by evaluateSurdScaled and the rest is a product.
 */
function gradWVector(
  terms: ExactTerms,
  angle: AngleValues,
  norms: { normU: Decimal; normUStar: Decimal; nu: Decimal },
  pi: Decimal,
  precision: number,
): Scaled[] {
  const ctor = workingContext(precision);
  const out: Scaled[] = new Array(terms.p).fill(ZERO);
  if (isZero(terms.aDotAStar) || angle.piMinusPhi.isZero()) return out;
  const coefficient = fromDecimal(
    toDecimal(terms.aDotAStar, ctor)
      .times(angle.piMinusPhi)
      .div(pi.times(2 * terms.p).times(norms.normU).times(norms.normUStar).times(norms.nu))
      .neg(),
  );
  const co = directionCoefficients(terms);
  for (let i = 0; i < terms.p; i++) {
    out[i] = mul(coefficient, evaluateSurdScaled(directionComponent(terms, co, i), terms.field, precision));
  }
  return out;
}

/**
 * Evaluates everything at working precision `precision`; `target` is the requested relative
 * accuracy (digits) of the certified outputs.
 */
export function evaluateAt(terms: ExactTerms, precision: number, target: number, withGradients: boolean): CoreEvaluation {
  const ctor = workingContext(precision);
  const pi = piAt(precision);
  const nu = evaluateSurd(terms.normUSquared, terms.field, precision);
  const nuStar = evaluateSurd(terms.normUStarSquared, terms.field, precision);
  const dotSign = surdSign(terms.dot, terms.field);
  const dot = evaluateSurd(terms.dot, terms.field, precision);
  const gramIsZero = surdSign(terms.gramTimesP, terms.field) === 0;
  const gram = evaluateSurd(terms.gramTimesP, terms.field, precision).div(terms.p);
  const normU = sqrtDecimal(nu, precision, ctor);
  const normUStar = sqrtDecimal(nuStar, precision, ctor);
  const angle = angleAt({ gram, gramIsZero, dot, dotSign, normProduct: normU.times(normUStar) }, precision);
  const loss4Pi = scaledLoss(terms, angle, pi, precision, target);
  let deficit = loss4Pi.deficit;
  let gradA: Scaled[] | null = null;
  let gradW: Scaled[] | null = null;
  if (withGradients) {
    const ga = gradAVector(terms, angle, pi, precision, target);
    deficit = Math.max(deficit, ga.deficit);
    gradA = ga.value;
    gradW = gradWVector(terms, angle, { normU, normUStar, nu }, pi, precision);
  }
  return {
    values: {
      loss: loss4Pi.value.isZero() ? new ctor(0) : loss4Pi.value.div(pi.times(4)),
      phi: angle.phi,
      piMinusPhi: angle.piMinusPhi,
      h: angle.h,
      normU,
      normUStar,
      aDotAStar: toDecimal(terms.aDotAStar, ctor).toSignificantDigits(precision),
      gradW,
      gradA,
    },
    deficit,
  };
}
