/**
 * The decimal.js twin of the leaky-ReLU population loss (src/reference/leaky-relu.ts) against
 * - independent values of every output (loss, φ, each ∇_w L and ∇_a L entry) at the requested
 *   digits: at λ = 0 the ReLU reference (src/reference/population-loss.ts, exact arithmetic), at
 *   λ = 1 the linear model's closed form, and for λ ∈ (0, 1) a naive 150-digit decimal.js
 *   evaluation derived another way (σ(s) = λs + (1 − λ) relu(s), φ = acos(vᵀv*));
 * - its precision loop: an output that cancels 66 digits (∇_a L at φ = 0, where φ is exact at the
 *   first working precision) must be refined until it is right, also at 3 digits, and also when
 *   the output is tiny in absolute terms (≈ 9e-67, which an absolute floor once let through with
 *   34 correct digits); outputs that vanish exactly (the optimum, an exactly zero gradient
 *   component) must come back as exactly 0 through the floor relative to their terms;
 * - its argument checking: RangeErrors with exact messages naming the field.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import { type LeakyReluReferenceInput, referenceLeakyRelu, referenceLeakyReluDecimal } from '../../src/reference/leaky-relu.ts';
import { type ReferenceInput, referenceEvaluateDecimal } from '../../src/reference/population-loss.ts';
import { withReferenceLimits } from './precision-limit.ts';

const W = Decimal.clone({ defaults: true, precision: 200 });
const PI = new W(-1).acos();

interface Values {
  loss: Decimal;
  phi: Decimal;
  gradW: Decimal[];
  gradA: Decimal[];
}

/**
 * The loss and gradients at `precision` digits from the plain formulas, derived independently of
 * the module's σ = αs + β|s| route: σ(s) = λs + m relu(s), m = 1 − λ, so with E[X relu(Y)] = ρ/2
 * and E[relu(X) relu(Y)] = (sin φ + (π − φ)ρ)/2π,
 *   κ = λρ + m²(sin φ + (π − φ)ρ)/2π,  κ' = λ + m²(π − φ)/2π,  μ² = m²/2π,  s₂ = (1 + λ²)/2,
 *   L = ½[(s₂ − μ²)(‖a‖² + ‖a*‖²) − 2(κ − μ²)aᵀa* + μ²(1ᵀ(a − a*))²],
 *   ∇_a L = (s₂ − μ²)a − (κ − μ²)a* + μ² 1ᵀ(a − a*)·1,  ∇_w L = −(aᵀa*)κ'(v* − ρv)/‖e + w‖,
 * with ρ = vᵀv* and φ = acos ρ (reliable away from φ ∈ {0, π}).
 */
function naive(x: LeakyReluReferenceInput, precision = 150): Values {
  const D = Decimal.clone({ defaults: true, precision });
  const c = (t: number): Decimal => doubleToDecimal(t, D);
  const pi = new D(-1).acos();
  const sum = (xs: Decimal[]): Decimal => xs.reduce((s, t) => s.plus(t), new D(0));
  const dot = (xs: Decimal[], ys: Decimal[]): Decimal => sum(xs.map((t, i) => t.times(ys[i])));
  const e = new D(1).div(new D(x.p).sqrt());
  const u = Array.from(x.w, (t) => e.plus(c(t)));
  const us = Array.from(x.wStar, (t) => e.plus(c(t)));
  const nu = dot(u, u).sqrt();
  const v = u.map((t) => t.div(nu));
  const vs = us.map((t) => t.div(dot(us, us).sqrt()));
  const rho = dot(v, vs);
  const phi = rho.acos();
  const sin = new D(1).minus(rho.times(rho)).sqrt();
  const lambda = c(x.lambda);
  const m2 = new D(1).minus(lambda).pow(2);
  const kappa = lambda.times(rho).plus(m2.times(sin.plus(pi.minus(phi).times(rho))).div(pi.times(2)));
  const slope = lambda.plus(m2.times(pi.minus(phi)).div(pi.times(2)));
  const mu2 = m2.div(pi.times(2));
  const s2 = new D(1).plus(lambda.times(lambda)).div(2);
  const a = Array.from(x.a, c);
  const as = Array.from(x.aStar, c);
  const cross = dot(a, as);
  const diffSum = sum(a).minus(sum(as));
  const loss = s2.minus(mu2).times(dot(a, a).plus(dot(as, as))).minus(kappa.minus(mu2).times(cross).times(2)).plus(mu2.times(diffSum.pow(2))).div(2);
  const gradA = a.map((t, j) => s2.minus(mu2).times(t).minus(kappa.minus(mu2).times(as[j])).plus(mu2.times(diffSum)));
  const gradW = vs.map((t, i) => cross.times(slope).times(t.minus(rho.times(v[i]))).div(nu).neg());
  return { loss, phi, gradW, gradA };
}

/** The outputs as a flat list of named values. */
function flatten(r: { loss: Decimal | string; phi: Decimal | string; gradW: (Decimal | string)[]; gradA: (Decimal | string)[] }): [string, Decimal][] {
  const d = (t: Decimal | string): Decimal => new W(t);
  return [['loss', d(r.loss)], ['phi', d(r.phi)], ...r.gradW.map((g, i): [string, Decimal] => [`gradW[${i}]`, d(g)]), ...r.gradA.map((g, j): [string, Decimal] => [`gradA[${j}]`, d(g)])];
}

/**
 * Every output of `actual` (decimal strings at `digits` digits) is the correctly rounded
 * `expected` (a value accurate to far more digits): no tolerance at all.
 */
function expectAllCorrectlyRounded(actual: ReturnType<typeof referenceLeakyRelu>, expected: Values, digits: number, what: string): void {
  const got = flatten(actual);
  const want = flatten(expected);
  expect(got.map(([name]) => name)).toEqual(want.map(([name]) => name));
  got.forEach(([name, g], i) => {
    const w = want[i][1].toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN);
    expect(g.toString(), `${what}: ${name}`).toBe(w.toString());
  });
}

const generic: LeakyReluReferenceInput[] = [
  { p: 5, k: 3, w: [0.31, -0.12, 0.2, 0.05, -0.4], wStar: [-0.1, 0.25, 0.3, -0.3, 0.15], a: [1.1, 0.4, -0.7], aStar: [0.6, 1, 0.5], lambda: 0 },
  { p: 3, k: 2, w: [1e-3, -2, 0.7], wStar: [0.4, 0.1, -0.2], a: [-1.5, 2.25], aStar: [0.75, -0.5], lambda: 0 },
  { p: 2, k: 4, w: [3, -0.25], wStar: [-0.9, 0.6], a: [0.1, -0.2, 0.3, 5], aStar: [2, 1e-3, -0.7, 0.05], lambda: 0 },
];

/**
 * ∇_a L at φ = 0 (w = w*), a* = 0, λ = 0: 2π ∂L/∂a_0 = π·a_0 + (1ᵀa − a_0) = 2⁷⁰(π − S), S the sum
 * of the first four double-double-double-double digits of π, so ∂L/∂a_0 ≈ 1.07e-45 is the
 * difference of terms ≈ 1e21: 66 digits cancel. The working precision P = 70 of 40 digits gives
 * it to 5 digits only, P + 30 = 100 to 35 (measured); only a refined loop gets 40 (loss, φ = 0 and the other
 * entries agree at once). `cancellingUnscaled` is the same without the 2⁷⁰: ∂L/∂a_0 ≈ 9e-67.
 */
const PI_DIGITS = [3.141592653589793, 1.2246467991473532e-16, -2.9947698097183397e-33, 1.1124542208633653e-49];
const cancelling: LeakyReluReferenceInput = {
  p: 2,
  k: 5,
  w: [0.1, 0.2],
  wStar: [0.1, 0.2],
  a: [1, ...PI_DIGITS.map((t) => -t)].map((t) => t * 2 ** 70),
  aStar: [0, 0, 0, 0, 0],
  lambda: 0,
};
const cancellingUnscaled: LeakyReluReferenceInput = { ...cancelling, a: [1, ...PI_DIGITS.map((t) => -t)] };

describe('referenceLeakyRelu: values', () => {
  it('should equal the ReLU reference at λ = 0 in every output (40 digits, correctly rounded)', () => {
    for (const input of generic) {
      const relu = referenceEvaluateDecimal(input as ReferenceInput);
      const r = referenceLeakyRelu(input);
      expect(flatten(r).map(([, t]) => t.toString())).toEqual(flatten(relu).map(([, t]) => t.toString()));
    }
  });

  it('should be the linear model at λ = 1: φ = π/3, L = ½‖a − a*‖² + (1 − cos φ)aᵀa* = 3.5, ∇_a L = a − cos φ a*, ∇_w L = −(aᵀa*)(v* − cos φ v)', () => {
    // p = 4 (e = ½ exact): e + w = (1, 0, 0, 0), e + w* = e, so cos φ = ½ and ‖e + w‖ = 1; a = 1, a* = 3.
    const r = referenceLeakyRelu({ p: 4, k: 1, w: [0.5, -0.5, -0.5, -0.5], wStar: [0, 0, 0, 0], a: [1], aStar: [3], lambda: 1 });
    expect(r.phi).toBe(PI.div(3).toSignificantDigits(40).toString());
    expect(r.loss).toBe('3.5');
    expect(r.gradA).toEqual(['-0.5']);
    expect(r.gradW.slice(1)).toEqual(['-1.5', '-1.5', '-1.5']);
    // (v* − cos φ v)_0 = ½ − ½ = 0: at the rounding level of its terms at both precisions, so 0.
    expect(r.gradW[0]).toBe('0');
  });

  it('should match a naive 150-digit evaluation for λ ∈ {0.01, 0.3, 0.75, 1} in every output (40 and 25 digits, correctly rounded)', () => {
    for (const lambda of [0.01, 0.3, 0.75, 1]) {
      for (const base of generic) {
        const input = { ...base, lambda };
        const expected = naive(input);
        expectAllCorrectlyRounded(referenceLeakyRelu(input), expected, 40, `λ = ${lambda}`);
        expectAllCorrectlyRounded(referenceLeakyRelu(input, 25), expected, 25, `λ = ${lambda}, 25 digits`);
      }
    }
  });

  it('should raise the working precision until a cancelling output is right (∇_a L cancelling 66 digits)', () => {
    const sum = PI_DIGITS.reduce((s, t) => s.plus(doubleToDecimal(t, W)), new W(0));
    const gradA0 = PI.minus(sum).div(PI.times(2)).times(new W(2).pow(70));
    const r = referenceLeakyRelu(cancelling);
    expect(r.gradA[0]).toBe(gradA0.toSignificantDigits(40).toString());
    expect(r.gradA[0].startsWith('1.0657953280920620016383315136508524238')).toBe(true);
    // Every other output against the ReLU reference (exact arithmetic).
    const relu = referenceEvaluateDecimal(cancelling as ReferenceInput);
    expect(flatten(r).map(([, t]) => t.toString())).toEqual(flatten(relu).map(([, t]) => t.toString()));
    // Also at 3 digits (working precisions 70, then 140, as at 40 digits).
    const r3 = referenceLeakyRelu(cancelling, 3);
    expect(r3.gradA[0]).toBe(gradA0.toSignificantDigits(3).toString());
    expect(r3.loss).toBe(new W(relu.loss).toSignificantDigits(3).toString());
  });

  it('should not lose an entry that a sum over a or a* would drop at both precisions (exact inner sums)', () => {
    // 1ᵀa = 1e-60 + 1e60 − 1e60: rounded at 70 and 100 digits it would be 0 at both, and ∂L/∂a_0
    // would agree between them on a wrong value (3.4e-61 instead of 5.0e-61; found in review).
    const wide = { p: 2, k: 3, w: [0.1, 0.2], wStar: [0.3, -0.1], a: [1e-60, 1e60, -1e60], aStar: [0, 0, 0], lambda: 0 };
    expect(flatten(referenceLeakyRelu(wide)).map(([, t]) => t.toString())).toEqual(flatten(referenceEvaluateDecimal(wide as ReferenceInput)).map(([, t]) => t.toString()));
    // aᵀa* = 5e-324 + 1e20 − 1e20 − 5e-324 = 0 exactly, so ∇_w L = 0 (not ±4e-325).
    const cross = { p: 2, k: 4, w: [0.1, 0.2], wStar: [0.3, -0.1], a: [1, 1, 1, 1], aStar: [5e-324, 1e20, -1e20, -5e-324], lambda: 0.3 };
    expect(referenceLeakyRelu(cross).gradW).toEqual(['0', '0']);
  });

  it('should return zeros as +0 on both acceptance paths', () => {
    // p = 1: v = v* = 1, so v* − ρv = 0 exactly at both precisions (the relative path).
    const r = referenceLeakyReluDecimal({ p: 1, k: 1, w: [0.5], wStar: [0], a: [1], aStar: [2], lambda: 0.3 });
    expect(r.gradW[0].isZero() && !r.gradW[0].isNeg()).toBe(true);
  });

  it('should refine a cancelling output that is tiny in absolute terms (∂L/∂a_0 ≈ 9e-67, terms ≈ 1)', () => {
    // An absolute floor 10^−(P−10) accepted it at P = 70 with 34 correct digits (found by this
    // test's author); the floor relative to the terms (≈ 1, so ≤ 1e-90) does not.
    const sum = PI_DIGITS.reduce((s, t) => s.plus(doubleToDecimal(t, W)), new W(0));
    const gradA0 = PI.minus(sum).div(PI.times(2));
    const r = referenceLeakyRelu(cancellingUnscaled);
    expect(r.gradA[0]).toBe(gradA0.toSignificantDigits(40).toString());
    const relu = referenceEvaluateDecimal(cancellingUnscaled as ReferenceInput);
    expect(flatten(r).map(([, t]) => t.toString())).toEqual(flatten(relu).map(([, t]) => t.toString()));
  });

});

describe('referenceLeakyRelu: arguments', () => {
  const ok: LeakyReluReferenceInput = { p: 3, k: 2, w: [0.1, 0.2, -0.3], a: [1, 2], wStar: [0, 0.5, 0], aStar: [1, -1], lambda: 0.2 };
  const call = (patch: Partial<LeakyReluReferenceInput>) => () => referenceLeakyRelu({ ...ok, ...patch });

  it('should accept the base input (so every rejection below is the patched field\'s)', () => {
    expect(referenceLeakyRelu(ok).gradW).toHaveLength(3);
    expect(referenceLeakyRelu({ ...ok, lambda: 0 }).gradA).toHaveLength(2);
    expect(referenceLeakyRelu({ ...ok, lambda: 1 }).gradA).toHaveLength(2);
  });

  it('should reject p and k that are not positive integers, naming the field', () => {
    expect(call({ p: 0 })).toThrow(/^p must be a positive integer \(got 0\)$/);
    expect(call({ p: -1 })).toThrow(/^p must be a positive integer \(got -1\)$/);
    expect(call({ p: 1.5 })).toThrow(/^p must be a positive integer \(got 1\.5\)$/);
    expect(call({ k: 0 })).toThrow(/^k must be a positive integer \(got 0\)$/);
    expect(call({ k: 2 ** 53 })).toThrow(/^k must be a positive integer \(got 9007199254740992\)$/);
    expect(call({ k: Number.NaN })).toThrow(/^k must be a positive integer \(got NaN\)$/);
  });

  it('should reject vectors of the wrong length, naming the vector and its dimension', () => {
    expect(call({ w: [0.1, 0.2] })).toThrow(/^w must have length p = 3 \(got 2\)$/);
    expect(call({ wStar: [0, 0] })).toThrow(/^wStar must have length p = 3 \(got 2\)$/);
    expect(call({ a: [1, 2, 3] })).toThrow(/^a must have length k = 2 \(got 3\)$/);
    expect(call({ aStar: [1] })).toThrow(/^aStar must have length k = 2 \(got 1\)$/);
  });

  it('should reject λ outside [0, 1] and NaN', () => {
    expect(call({ lambda: -0.1 })).toThrow(/^lambda must be in \[0, 1\] \(got -0\.1\)$/);
    expect(call({ lambda: 1.5 })).toThrow(/^lambda must be in \[0, 1\] \(got 1\.5\)$/);
    expect(call({ lambda: Number.NaN })).toThrow(/^lambda must be in \[0, 1\] \(got NaN\)$/);
    expect(call({ lambda: Infinity })).toThrow(/^lambda must be in \[0, 1\] \(got Infinity\)$/);
  });

  it('should reject digits that are not an integer in [1, MAX_DIGITS], naming them', () => {
    for (const digits of [0, 1.5, 5001, Number.NaN]) {
      expect(() => referenceLeakyRelu(ok, digits)).toThrow(new RangeError(`digits must be an integer in [1, 5000] (got ${digits})`));
    }
    expect(referenceLeakyRelu(ok, 1).loss).toBe(new W(referenceLeakyRelu(ok).loss).toSignificantDigits(1, Decimal.ROUND_HALF_EVEN).toString());
  });

  it('should reject non-finite entries, naming the entry', () => {
    expect(call({ w: [0.1, Number.NaN, 0] })).toThrow(/^w\[1\] must be a finite double \(got NaN\)$/);
    expect(call({ a: [Infinity, 1] })).toThrow(/^a\[0\] must be a finite double \(got Infinity\)$/);
    expect(call({ wStar: [0, 0, -Infinity] })).toThrow(/^wStar\[2\] must be a finite double \(got -Infinity\)$/);
    expect(call({ aStar: [1, Number.NaN] })).toThrow(/^aStar\[1\] must be a finite double \(got NaN\)$/);
  });

  it('should reject e + w = 0 and e + w* = 0', () => {
    expect(call({ p: 4, w: [-0.5, -0.5, -0.5, -0.5], wStar: [0, 0, 0, 0] })).toThrow(/^e \+ w must be non-zero \(got ‖e \+ w‖ = 0\)$/);
    expect(call({ p: 1, w: [0], wStar: [-1] })).toThrow(/^e \+ wStar must be non-zero \(got ‖e \+ wStar‖ = 0\)$/);
  });

});

/** referenceLeakyRelu with MAX_WORKING_PRECISION replaced by `limit` (./precision-limit.ts). */
async function withLimit(limit: number): Promise<typeof referenceLeakyRelu> {
  return withReferenceLimits({ MAX_WORKING_PRECISION: limit }, async () => (await import('../../src/reference/leaky-relu.ts')).referenceLeakyRelu);
}

describe('referenceLeakyRelu: the precision loop and its limit', () => {
  it('should use working precisions up to and including MAX_WORKING_PRECISION, and give up beyond it', async () => {
    // The cancelling ∇_a L needs P = 140 at 40 digits (70 gives 5 correct digits, measured).
    const expected = referenceLeakyRelu(cancelling);
    expect((await withLimit(140))(cancelling)).toEqual(expected);
    const capped = await withLimit(139);
    expect(() => capped(cancelling)).toThrow(/^leaky-ReLU reference: no agreement to 40 digits below precision 139$/);
  });

  it('should return outputs that vanish exactly (w = w*, a = a*) as 0, at the first working precision', async () => {
    // ∇_a L is a difference of rounded equal terms (s₂ − κ(1) ≠ 0 in rounding), so the relative test
    // can never pass for it; it must be accepted at the first working precision P = max(digits, 40)
    // + 30 = 70, where both evaluations lie at the rounding level of the terms (measured |noise|
    // ≤ 2.4e-100 at P + 30 = 100). Limit 139 < 2·70: a loop that does not accept at 70 fails.
    const input = { p: 3, k: 2, w: [0.3, -0.1, 0.7], wStar: [0.3, -0.1, 0.7], a: [1, -2], aStar: [1, -2], lambda: 0.3 };
    const evaluate = await withLimit(139);
    for (const digits of [40, 10]) {
      const r = evaluate(input, digits);
      for (const [name, t] of flatten(r)) expect(t.toString(), `${digits} digits, ${name}`).toBe('0');
    }
    // ∇_w L = −(aᵀa*)κ'(v* − ρv)/‖e + w‖ at w = w* with aᵀa* = 2: here v* − ρv is rounding noise
    // at both precisions (not an exact 0, unlike the input above), so it needs its own scale.
    const wOnly = evaluate({ p: 2, k: 1, w: [0.1, 0.2], wStar: [0.1, 0.2], a: [1], aStar: [2], lambda: 0 });
    expect(wOnly.gradW).toEqual(['0', '0']);
    expect(wOnly.phi).toBe('0');
    // L(w*, a) = ½(a − a*)²·s₂ with s₂ = E relu² = ½ at λ = 0: ¼.
    expect(wOnly.loss).toBe('0.25');
  });
});
