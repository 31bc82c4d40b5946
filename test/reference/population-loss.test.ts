/**
 * The high-precision reference (src/reference/population-loss.ts) against hand-computable values,
 * the identities of THEORY.md §2–3 and an independent naive decimal.js evaluation of the plain
 * formulas (acos of the cosine at 150 digits, no exact arithmetic), and its argument checking.
 */
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveProfile } from '../../src/config/profile.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';
import {
  makeReferenceContext,
  type ReferenceDecimalResult,
  referenceEvaluate,
  referenceEvaluateDecimal,
  referenceLossAt,
} from '../../src/reference/population-loss.ts';

const profile = resolveProfile();
const W = makeReferenceContext(120);
const PI = new W(-1).acos();

interface Input {
  p: number;
  k: number;
  w: number[];
  a: number[];
  wStar: number[];
  aStar: number[];
}

/** |x − y| ≤ tol·|y| (exact zeros must match exactly). */
function expectRel(actual: Decimal, expected: Decimal, tol: number, what = ''): void {
  if (expected.isZero()) {
    expect(actual.isZero(), `${what}: expected exactly 0, got ${actual.toString()}`).toBe(true);
    return;
  }
  const err = actual.minus(expected).abs().div(expected.abs()).toNumber();
  expect(err, `${what}: ${actual.toString()} vs ${expected.toString()}`).toBeLessThanOrEqual(tol);
}

/**
 * The plain formulas of THEORY.md §2 with decimal.js at `precision` digits: u = e + w with
 * e = 1/√p rounded, v = u/‖u‖, φ = acos(vᵀv*) (clamped), g and h directly. Independent of the
 * reference's exact arithmetic; reliable for generic inputs (no near-parallel u, u*).
 */
function naive(x: Input, precision: number): { loss: Decimal; phi: Decimal; gradW: Decimal[]; gradA: Decimal[] } {
  const D = Decimal.clone({ defaults: true, precision });
  const c = (v: number): Decimal => doubleToDecimal(v, D);
  const pi = new D(-1).acos();
  const e = new D(1).div(new D(x.p).sqrt());
  const u = x.w.map((w) => e.plus(c(w)));
  const us = x.wStar.map((w) => e.plus(c(w)));
  const norm = (v: Decimal[]): Decimal => v.reduce((acc, t) => acc.plus(t.times(t)), new D(0)).sqrt();
  const nu = norm(u);
  const nus = norm(us);
  const v = u.map((t) => t.div(nu));
  const vs = us.map((t) => t.div(nus));
  let cos = v.reduce((acc, t, i) => acc.plus(t.times(vs[i])), new D(0));
  if (cos.gt(1)) cos = new D(1);
  if (cos.lt(-1)) cos = new D(-1);
  const phi = cos.acos();
  const sin = new D(1).minus(cos.times(cos)).sqrt();
  const h = pi.minus(pi.minus(phi).times(cos).plus(sin));
  const a = x.a.map(c);
  const as = x.aStar.map(c);
  const d = a.map((t, i) => t.minus(as[i]));
  const q = d.reduce((acc, t) => acc.plus(t.times(t)), new D(0));
  const sum = d.reduce((acc, t) => acc.plus(t), new D(0));
  const dot = a.reduce((acc, t, i) => acc.plus(t.times(as[i])), new D(0));
  const loss = pi.minus(1).times(q).plus(sum.times(sum)).div(pi.times(4)).plus(h.times(dot).div(pi.times(2)));
  const gradA = d.map((t, j) => pi.minus(1).times(t).plus(sum).plus(h.times(as[j])).div(pi.times(2)));
  const coefficient = dot.times(pi.minus(phi)).div(pi.times(2).times(nu)).neg();
  const gradW = vs.map((t, i) => coefficient.times(t.minus(cos.times(v[i]))));
  return { loss, phi, gradW, gradA };
}

/**
 * `actual` (a 40-digit result) is `expected` (a 120-digit value) correctly rounded: the
 * reference's claim, so no tolerance at all.
 */
function expectCorrectlyRounded(actual: Decimal, expected: Decimal, what: string): void {
  expect(actual.toString(), what).toBe(expected.toSignificantDigits(40, Decimal.ROUND_HALF_EVEN).toString());
}

/**
 * Each output within `tol` relative of the naive value; where the reference is exactly 0 the
 * naive value must be rounding noise (below 1e-100 of the vector's largest entry), since the
 * naive formulas cannot produce exact zeros (e.g. (v* − cos φ v)_i = 0).
 */
function expectAllRel(r: ReferenceDecimalResult, n: ReturnType<typeof naive>, tol: number): void {
  expectRel(r.loss, n.loss, tol, 'loss');
  expectRel(r.phi, n.phi, tol, 'phi');
  const vector = (ours: Decimal[], theirs: Decimal[], name: string): void => {
    const scale = theirs.reduce((m, t) => (t.abs().gt(m) ? t.abs() : m), theirs[0].abs());
    ours.forEach((g, i) => {
      if (g.isZero()) expect(theirs[i].abs().lte(scale.times(1e-100)), `${name}[${i}] = 0 vs ${theirs[i].toString()}`).toBe(true);
      else expectRel(g, theirs[i], tol, `${name}[${i}]`);
    });
  };
  vector(r.gradW, n.gradW, 'gradW');
  vector(r.gradA, n.gradA, 'gradA');
}

describe('referenceEvaluate: known values', () => {
  it('should give φ = π/3 for e + w = (1,0,0,0), e + w* = e (p = 4)', () => {
    const r = referenceEvaluateDecimal({ p: 4, k: 1, w: [0.5, -0.5, -0.5, -0.5], wStar: [0, 0, 0, 0], a: [1], aStar: [1] });
    expectCorrectlyRounded(r.phi, PI.div(3), 'phi');
    // v* − cos φ v = (1/2, 1/2, 1/2, 1/2) − (1/2)(1, 0, 0, 0): ∇_w L = −(2π/3)/(2π)·(0, ½, ½, ½) = −(0, ⅙, ⅙, ⅙)
    expect(r.gradW.map((g) => g.toString())).toEqual([
      '0',
      '-0.1666666666666666666666666666666666666667',
      '-0.1666666666666666666666666666666666666667',
      '-0.1666666666666666666666666666666666666667',
    ]);
  });

  it('should give φ = π/4 for e + w = (1,1,0,0)/…, e + w* = e (p = 4)', () => {
    const r = referenceEvaluateDecimal({ p: 4, k: 1, w: [0.5, 0.5, -0.5, -0.5], wStar: [0, 0, 0, 0], a: [1], aStar: [2] });
    expectCorrectlyRounded(r.phi, PI.div(4), 'phi');
  });

  it('should give φ = π/2 exactly and h = π − 1 for orthogonal u, u*', () => {
    const r = referenceEvaluateDecimal({ p: 4, k: 2, w: [0.5, -0.5, -0.5, -0.5], wStar: [-0.5, 0.5, -0.5, -0.5], a: [1, 0], aStar: [0.5, 0.5] });
    expectCorrectlyRounded(r.phi, PI.div(2), 'phi');
    expectCorrectlyRounded(r.h, PI.minus(1), 'h');
  });

  it('should give tan φ = δ/(2s + δ) for e + w = e + δ·e₁, e + w* = e (p = 2)', () => {
    // u = (s + δ, s), u* = (s, s), s = 1/√2: cross = δs, dot = s(2s + δ) ⇒ tan φ = δ/(√2 + δ).
    const delta = 2 ** -60;
    const r = referenceEvaluateDecimal({ p: 2, k: 1, w: [delta, 0], wStar: [0, 0], a: [1], aStar: [1] });
    const d = doubleToDecimal(delta, W);
    expectCorrectlyRounded(r.phi, d.div(new W(2).sqrt().plus(d)).atan(), 'phi');
  });

  it('should give tan(π − φ) = (√3/2)δ/(1 − δ/2) for e + w = −(e + w*) + δ·e₁ (p = 4)', () => {
    // u* = (½,½,½,½), u = (−½ + δ, −½, −½, −½): ‖u‖²‖u*‖² − (uᵀu*)² = ¾δ², uᵀu* = −1 + δ/2.
    const delta = 2 ** -50;
    const r = referenceEvaluateDecimal({ p: 4, k: 1, w: [-1 + delta, -1, -1, -1], wStar: [0, 0, 0, 0], a: [1], aStar: [1] });
    const d = doubleToDecimal(delta, W);
    const expected = new W(3).sqrt().div(2).times(d).div(new W(1).minus(d.div(2))).atan();
    expectCorrectlyRounded(r.piMinusPhi, expected, 'π − φ');
  });

  it('should give L = [(π−1)‖a*‖² + (1ᵀa*)²]/4π and ∇_w L = 0 at a = 0', () => {
    const aStar = [0.75, -1.5, 2.25];
    const r = referenceEvaluateDecimal({ p: 3, k: 3, w: [0.1, -0.3, 0.2], wStar: [0.4, 0.1, -0.2], a: [0, 0, 0], aStar });
    const norm2 = new W(0.75 ** 2 + 1.5 ** 2 + 2.25 ** 2);
    const sum = new W(0.75 - 1.5 + 2.25);
    expectCorrectlyRounded(r.loss, PI.minus(1).times(norm2).plus(sum.times(sum)).div(PI.times(4)), 'loss');
    expect(r.gradW.every((g) => g.isZero())).toBe(true);
  });

  it('should give exactly 0 loss and gradients at (w*, a*), and on the ray e + w = c(e + w*)', () => {
    const input = { p: 5, k: 3, w: [0.3, -0.1, 0.7, 0, -0], a: [1, -2, 0.5], wStar: [0.3, -0.1, 0.7, 0, 0], aStar: [1, -2, 0.5] };
    expect(referenceEvaluate(input)).toEqual({ loss: '0', phi: '0', gradW: ['0', '0', '0', '0', '0'], gradA: ['0', '0', '0'] });
    const ray = { p: 7, k: 2, w: Array(7).fill(1.75), wStar: Array(7).fill(0.125), a: [1, 2], aStar: [1, 2] };
    expect(referenceEvaluate(ray)).toEqual({ loss: '0', phi: '0', gradW: Array(7).fill('0'), gradA: ['0', '0'] });
  });

  it('should give ∇_a L = 0 exactly at k = p = 1, a = 0, φ = π (L = a*²/4)', () => {
    const r = referenceEvaluate({ p: 1, k: 1, w: [-3], wStar: [0], a: [0], aStar: [1.5] });
    expect(r).toEqual({ loss: '0.5625', phi: '3.141592653589793238462643383279502884197', gradW: ['0'], gradA: ['0'] });
  });

  it('should give an exactly zero ∇_w L component when (v* − cos φ v)_i = 0', () => {
    // u_0 = u*_0 and uᵀ(u − u*) = 0 ⇒ (‖u‖²u* − (uᵀu*)u)_0 = 0.
    const r = referenceEvaluate({ p: 3, k: 2, w: [0, 0.25, 0.25], wStar: [0, 0.125, 0.375], a: [0.5, 1], aStar: [1, 0.5] });
    expect(r.gradW[0]).toBe('0');
    expect(r.gradW[1]).not.toBe('0');
  });

  it('should satisfy D1 (∇_w L ⟂ e + w) to 1e-38 relative', () => {
    const input = { p: 6, k: 3, w: [0.3, -0.2, 0.1, 0.05, -0.4, 0.2], wStar: [-0.1, 0.2, 0.3, -0.3, 0.1, 0], a: [1, 0.5, -0.25], aStar: [0.75, 1, 0.5] };
    const r = referenceEvaluateDecimal(input, { digits: 50 });
    const e = new W(1).div(new W(6).sqrt());
    const u = input.w.map((x) => e.plus(doubleToDecimal(x, W)));
    const dot = r.gradW.reduce((acc, g, i) => acc.plus(u[i].times(g)), new W(0));
    const scale = r.gradW.reduce((acc, g, i) => acc.plus(u[i].times(g).abs()), new W(0));
    expect(dot.abs().div(scale).toNumber()).toBeLessThan(1e-48);
  });

  it('should match the plain formulas at 150 digits in the hard regimes (φ ≈ 1e-17, π − φ ≈ 1e-12, ‖e + w‖ = 1e-6 and 1e6, 1e-300 entries)', () => {
    const ws = [0.1, -0.2, 0.05, 0.3, -0.15];
    const a = [0.9, -0.4, 0.3];
    const aStar = [1, -0.5, 0.25];
    const e5 = 1 / Math.sqrt(5);
    const dir = [0.3, -0.2, 0.5, 0.1, 0.7];
    const cases: Input[] = [
      { p: 5, k: 3, wStar: ws, w: ws.map((v, i) => (i === 0 ? v + 2 ** -56 : v)), a, aStar },
      { p: 5, k: 3, wStar: ws, w: ws.map((v, i) => -2 * e5 - v + 1e-12 * (i - 2)), a, aStar },
      { p: 5, k: 3, wStar: ws, w: dir.map((z) => -e5 + 1e-6 * z), a, aStar },
      { p: 5, k: 3, wStar: ws, w: dir.map((z) => 1e6 * z), a, aStar },
      { p: 3, k: 2, wStar: [5e-324, 0, -1e-310], w: [1e-300, 2.5e-320, 0.5], a: [1e-200, 1e200], aStar: [3e-250, -1e199] },
    ];
    for (const input of cases) expectAllRel(referenceEvaluateDecimal(input), naive(input, 150), 1e-39);
  });

  it('should resolve catastrophic cancellation in ∇_a L by raising the working precision', () => {
    // φ = 0, a* = 0: 2π ∂L/∂a_0 = (π − 1) + S with S = 1 − (π to four doubles) ≈ 5.7e-66.
    const r = referenceEvaluateDecimal({
      p: 2, k: 5, w: [0.1, 0.2], wStar: [0.1, 0.2], aStar: [0, 0, 0, 0, 0],
      a: [1, -3.141592653589793, -1.2246467991473532e-16, 2.9947698097183397e-33, -1.1124542208633653e-49],
    });
    const sum = [3.141592653589793, 1.2246467991473532e-16, -2.9947698097183397e-33, 1.1124542208633653e-49]
      .reduce((acc, x) => acc.plus(doubleToDecimal(x, W)), new W(0));
    expectCorrectlyRounded(r.gradA[0], PI.minus(sum).div(PI.times(2)), 'gradA[0]');
  });
});

describe('referenceEvaluate: agreement with the plain formulas and finite differences', () => {
  it('should match the plain formulas at 150 digits on random inputs (≤ half an ulp at 40 digits)', () => {
    const dims = fc.record({ k: fc.integer({ min: 1, max: 5 }), p: fc.integer({ min: 2, max: 6 }) });
    // Moderate magnitudes only: the naive decimal.js evaluation of 750-digit subnormals is slow
    // (extreme magnitudes are covered by the hard-regime test above and self-consistency.test.ts).
    const entry = fc.double({ min: -2, max: 2, noNaN: true }).map((x) => (Math.abs(x) < 1e-20 ? 0 : x));
    const arb = dims.chain(({ k, p }) =>
      fc.record({
        p: fc.constant(p),
        k: fc.constant(k),
        w: fc.array(entry, { minLength: p, maxLength: p }),
        wStar: fc.array(entry, { minLength: p, maxLength: p }),
        a: fc.array(entry, { minLength: k, maxLength: k }),
        aStar: fc.array(entry, { minLength: k, maxLength: k }),
      }),
    );
    fc.assert(
      fc.property(arb, (input) => {
        const r = referenceEvaluateDecimal(input);
        const n = naive(input, 150);
        // The naive φ = acos(cos) is off by ~1e-75 when u ∥ u* exactly; compare where it is reliable.
        if (r.phi.gt(1e-30) && r.piMinusPhi.gt(1e-30)) expectAllRel(r, n, 1e-39);
      }),
      { seed: profile.seed, numRuns: 40 * profile.runsScale },
    );
  });

  it('should have gradients equal to 80-digit central differences of referenceLossAt', () => {
    const input = { p: 5, k: 3, w: [0.31, -0.12, 0.2, 0.05, -0.4], wStar: [-0.1, 0.25, 0.3, -0.3, 0.15], a: [1.1, 0.4, -0.7], aStar: [0.6, 1, 0.5] };
    const D = makeReferenceContext(80);
    const h = new D('1e-25');
    const r = referenceEvaluateDecimal(input, { digits: 60 });
    const base = { ...input, w: input.w.map((x) => doubleToDecimal(x, D)), a: input.a.map((x) => doubleToDecimal(x, D)) };
    const central = (key: 'w' | 'a', i: number): Decimal => {
      const plus = base[key].slice();
      const minus = base[key].slice();
      plus[i] = plus[i].plus(h);
      minus[i] = minus[i].minus(h);
      const lp = referenceLossAt(D, { ...base, [key]: plus });
      const lm = referenceLossAt(D, { ...base, [key]: minus });
      return lp.minus(lm).div(h.times(2));
    };
    // truncation error O(h²) = 1e-50 relative to O(1) derivatives
    r.gradW.forEach((g, i) => expectRel(central('w', i), g, 1e-45, `∂L/∂w_${i}`));
    r.gradA.forEach((g, j) => expectRel(central('a', j), g, 1e-45, `∂L/∂a_${j}`));
  });
});

describe('referenceEvaluate: arguments', () => {
  const ok = { p: 2, k: 2, w: [0.1, 0.2], a: [1, 2], wStar: [0, 0], aStar: [1, 1] };

  it('should name the value and the shape in errors', () => {
    expect(() => referenceEvaluate({ ...ok, k: 5, a: [1, 2, 3, 4], aStar: [1, 2, 3, 4, 5] })).toThrow(
      new RangeError('a must have length k = 5 (got 4)'),
    );
    expect(() => referenceEvaluate({ ...ok, wStar: [0] })).toThrow(new RangeError('wStar must have length p = 2 (got 1)'));
    expect(() => referenceEvaluate({ ...ok, w: [0.1, Number.NaN] })).toThrow(new RangeError('w[1] must be a finite double (got NaN)'));
    expect(() => referenceEvaluate({ ...ok, p: 0 })).toThrow(new RangeError('p must be a positive integer (got 0)'));
    expect(() => referenceEvaluate({ ...ok, k: 1.5 })).toThrow(new RangeError('k must be a positive integer (got 1.5)'));
    expect(() => referenceEvaluate(ok, { digits: 0 })).toThrow(/digits must be an integer/);
  });

  it('should reject e + w = 0 and e + w* = 0', () => {
    expect(() => referenceEvaluate({ ...ok, p: 4, w: [-0.5, -0.5, -0.5, -0.5], wStar: [0, 0, 0, 0] })).toThrow(/^e \+ w must be non-zero/);
    expect(() => referenceEvaluate({ ...ok, p: 1, w: [0], wStar: [-1] })).toThrow(/^e \+ wStar must be non-zero/);
  });

  it('should accept exact Decimal entries and give the same result as the equal doubles', () => {
    const D = makeReferenceContext(30);
    const asDecimal = { ...ok, w: ok.w.map((x) => doubleToDecimal(x, D)) };
    expect(referenceLossAt(D, asDecimal).eq(referenceLossAt(D, ok))).toBe(true);
    expect(() => referenceLossAt(D, { ...ok, a: [new D(NaN), new D(1)] })).toThrow(/a\[0\] must be finite/);
    // The loss's digits are the context's precision, checked like every `digits`.
    expect(() => referenceLossAt(Decimal.clone({ precision: 6000 }), ok)).toThrow(new RangeError('digits must be an integer in [1, 5000] (got 6000)'));
  });

  it('should return JSON-safe strings that parse back to the Decimal results', () => {
    const r = referenceEvaluate(ok, { digits: 25 });
    const d = referenceEvaluateDecimal(ok, { digits: 25 });
    expect(r.loss).toBe(d.loss.toString());
    expect(new Decimal(r.gradW[1]).eq(d.gradW[1])).toBe(true);
    expect(d.loss.sd()).toBeLessThanOrEqual(25);
  });
});

describe('referenceEvaluate: performance', () => {
  it('should evaluate k = p = 2000 at 40 digits in well under a few seconds', () => {
    const n = 2000;
    const input = {
      p: n,
      k: n,
      w: Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 1000 / Math.sqrt(n) - 0.5 / Math.sqrt(n)),
      wStar: Array.from({ length: n }, (_, i) => ((i * 104729) % 997) / 997 / Math.sqrt(n) - 0.5 / Math.sqrt(n)),
      a: Array.from({ length: n }, (_, i) => ((i * 31) % 17) / 17 - 0.5),
      aStar: Array.from({ length: n }, (_, i) => ((i * 37) % 19) / 19 - 0.4),
    };
    const start = performance.now();
    const r = referenceEvaluate(input);
    const elapsed = performance.now() - start;
    expect(r.gradW).toHaveLength(n);
    expect(elapsed).toBeLessThan(3000);
  });
});
