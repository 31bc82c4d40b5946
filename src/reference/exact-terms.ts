/**
 * The polynomial (rounding-free) part of the model, computed exactly from exact inputs
 * (THEORY.md §1–2). With s = 1/√p, e = s·1, u = e + w, u* = e + w*, and using s²·p = 1:
 *
 *   ‖u‖²   = (1 + Σ w_i²)        + (2 Σ w_i) s                    =: α_u + β_u s
 *   ‖u*‖²  = (1 + Σ w*_i²)       + (2 Σ w*_i) s                   =: α_* + β_* s
 *   uᵀu*   = (1 + Σ w_i w*_i)    + (Σ w_i + Σ w*_i) s             =: α_c + β_c s
 *   p·G    = p(α_u α_* − α_c²) + (β_u β_* − β_c²) + p(α_u β_* + α_* β_u − 2 α_c β_c) s,
 *            G = ‖u‖²‖u*‖² − (uᵀu*)²  (Gram determinant; G = 0 ⇔ u ∥ u*)
 *   p·t_i  = [β_u − β_c + p(α_u w*_i − α_c w_i)] + p[α_u − α_c + β_u w*_i − β_c w_i] s,
 *            t = ‖u‖² u* − (uᵀu*) u,  so that  v* − cos φ · v = t / (‖u‖² ‖u*‖)
 *
 * and for the output layer δ = a − a*, S = 1ᵀδ, Q = ‖δ‖², D = aᵀa* (exact decimal fractions).
 * Each is O(k + p) BigInt work.
 */
import type { ExactInput } from './exact-input.ts';
import { makeSurdField, type Surd, type SurdField } from './quadratic-surd.ts';
import { add, mul, mulInt, ONE, pow10, type Scaled, sub } from './scaled.ts';

export interface ExactTerms {
  readonly p: number;
  readonly k: number;
  readonly field: SurdField;
  /** ‖u‖². */
  readonly normUSquared: Surd;
  /** ‖u*‖². */
  readonly normUStarSquared: Surd;
  /** uᵀu*. */
  readonly dot: Surd;
  /** p·G, G = ‖u‖²‖u*‖² − (uᵀu*)². */
  readonly gramTimesP: Surd;
  /** δ = a − a*. */
  readonly diff: readonly Scaled[];
  /** S = 1ᵀ(a − a*). */
  readonly sumDiff: Scaled;
  /** Q = ‖a − a*‖². */
  readonly sumSquaredDiff: Scaled;
  /** D = aᵀa*. */
  readonly aDotAStar: Scaled;
  /** The exact inputs (for {@link directionComponent}). */
  readonly input: ExactInput;
}

/** Brings all entries to the smallest exponent so that sums are plain BigInt additions. */
function align(xs: readonly Scaled[], e: number): bigint[] {
  return xs.map((x) => (x.e === e ? x.n : x.n * pow10(x.e - e)));
}

function minExponent(...vectors: (readonly Scaled[])[]): number {
  let e = 0;
  for (const v of vectors) for (const x of v) if (x.e < e) e = x.e;
  return e;
}

function sumProducts(x: readonly bigint[], y: readonly bigint[]): bigint {
  let total = 0n;
  for (let i = 0; i < x.length; i++) total += x[i] * y[i];
  return total;
}

function sumAll(x: readonly bigint[]): bigint {
  let total = 0n;
  for (const v of x) total += v;
  return total;
}

/** Computes every exact quantity listed in the module comment. */
export function exactTerms(input: ExactInput): ExactTerms {
  const { p, k } = input;
  const P = BigInt(p);
  const ew = minExponent(input.w, input.wStar);
  const w = align(input.w, ew);
  const ws = align(input.wStar, ew);
  const s1 = { n: sumAll(w), e: ew };
  const s1s = { n: sumAll(ws), e: ew };
  const alphaU = add(ONE, { n: sumProducts(w, w), e: 2 * ew });
  const alphaS = add(ONE, { n: sumProducts(ws, ws), e: 2 * ew });
  const alphaC = add(ONE, { n: sumProducts(w, ws), e: 2 * ew });
  const betaU = mulInt(s1, 2n);
  const betaS = mulInt(s1s, 2n);
  const betaC = add(s1, s1s);
  const gramA = add(
    mulInt(sub(mul(alphaU, alphaS), mul(alphaC, alphaC)), P),
    sub(mul(betaU, betaS), mul(betaC, betaC)),
  );
  const gramB = mulInt(
    sub(add(mul(alphaU, betaS), mul(alphaS, betaU)), mulInt(mul(alphaC, betaC), 2n)),
    P,
  );

  const ea = minExponent(input.a, input.aStar);
  const a = align(input.a, ea);
  const as = align(input.aStar, ea);
  const diffN = a.map((x, j) => x - as[j]);
  return {
    p,
    k,
    field: makeSurdField(p),
    normUSquared: { a: alphaU, b: betaU },
    normUStarSquared: { a: alphaS, b: betaS },
    dot: { a: alphaC, b: betaC },
    gramTimesP: { a: gramA, b: gramB },
    diff: diffN.map((n) => ({ n, e: ea })),
    sumDiff: { n: sumAll(diffN), e: ea },
    sumSquaredDiff: { n: sumProducts(diffN, diffN), e: 2 * ea },
    aDotAStar: { n: sumProducts(a, as), e: 2 * ea },
    input,
  };
}

/** Precomputed coefficients of {@link directionComponent}. */
export interface DirectionCoefficients {
  readonly alphaU: Scaled;
  readonly alphaC: Scaled;
  readonly betaU: Scaled;
  readonly betaC: Scaled;
  /** β_u − β_c. */
  readonly k1: Scaled;
  /** α_u − α_c. */
  readonly k2: Scaled;
}

export function directionCoefficients(terms: ExactTerms): DirectionCoefficients {
  const { normUSquared: nu, dot: c } = terms;
  return { alphaU: nu.a, alphaC: c.a, betaU: nu.b, betaC: c.b, k1: sub(nu.b, c.b), k2: sub(nu.a, c.a) };
}

/** p·t_i with t = ‖u‖² u* − (uᵀu*) u, exactly. */
export function directionComponent(terms: ExactTerms, co: DirectionCoefficients, i: number): Surd {
  const P = BigInt(terms.p);
  const wi = terms.input.w[i];
  const wsi = terms.input.wStar[i];
  const a = add(co.k1, mulInt(sub(mul(co.alphaU, wsi), mul(co.alphaC, wi)), P));
  const b = mulInt(add(co.k2, sub(mul(co.betaU, wsi), mul(co.betaC, wi))), P);
  return { a, b };
}
