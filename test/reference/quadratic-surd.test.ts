/**
 * Exact numbers A + B/√p (src/reference/quadratic-surd.ts) against their doc comments: the field
 * knows when p is a perfect square; signs and zeros are exact in every sign pattern of A and B;
 * 1/√p is truncated with the requested digits; A + B/√p is evaluated to relative error below
 * 10^(−1−precision) (evaluateSurdScaled) or rounded to `precision` digits (evaluateSurd) on every
 * path (square p, B = 0, A = 0, cancelling sums), with exact zeros exactly 0, and a RangeError
 * when the cancellation exceeds MAX_WORKING_PRECISION digits.
 */
import type { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { withReferenceLimits } from './precision-limit.ts';
import { makeReferenceContext, MAX_WORKING_PRECISION, workingContext } from '../../src/reference/decimal-context.ts';
import { isqrt } from '../../src/reference/fixed-point.ts';
import {
  evaluateSurd,
  evaluateSurdScaled,
  invSqrtScaled,
  makeSurdField,
  type Surd,
  surdIsZero,
  surdSign,
} from '../../src/reference/quadratic-surd.ts';
import { compare, mul, mulInt, type Scaled, sub, toDecimal } from '../../src/reference/scaled.ts';

const WIDE = makeReferenceContext(200);
const s = (n: bigint, e = 0): Scaled => ({ n, e });

/** A + B/√p at 200 digits. */
function exactValue(x: Surd, p: number): Decimal {
  return toDecimal(x.a, WIDE).plus(toDecimal(x.b, WIDE).div(new WIDE(p).sqrt()));
}

function relErr(x: Decimal, y: Decimal): number {
  return x.minus(y).abs().div(y.abs()).toNumber();
}

describe('makeSurdField', () => {
  it('should record m = √p exactly when p is a perfect square, else 0', () => {
    for (const [p, m] of [[1, 1], [2, 0], [3, 0], [4, 2], [8, 0], [9, 3], [10, 0], [1_000_000, 1000], [999_999, 0], [1_000_001, 0]] as const) {
      expect(makeSurdField(p), `p = ${p}`).toEqual({ p, m });
    }
  });
});

describe('surdSign / surdIsZero', () => {
  it('should give the exact sign for every sign pattern of A and B (p = 2 and p = 9)', () => {
    const f2 = makeSurdField(2);
    const f9 = makeSurdField(9);
    const values = [-3n, -1n, 0n, 1n, 3n];
    for (const a of values) {
      for (const b of values) {
        const x = { a: s(a), b: s(b) };
        for (const [f, p] of [[f2, 2], [f9, 9]] as const) {
          const v = exactValue(x, p);
          // exact zero only when A = −B/√p exactly (p = 9: B = −3A)
          const expected = v.abs().lt('1e-150') ? 0 : v.isPos() ? 1 : -1;
          expect(surdSign(x, f), `${a} + ${b}/√${p}`).toBe(expected);
          expect(surdIsZero(x, f)).toBe(expected === 0);
        }
      }
    }
  });

  it('should compare p·A² with B² exactly when A and B have opposite signs', () => {
    const f2 = makeSurdField(2);
    // 1/√2 = 0.70710678118654752440…: A just above and just below −B/√2 with B = −1, and B = 1
    expect(surdSign({ a: s(70710678118654752441n, -20), b: s(-1n) }, f2)).toBe(1);
    expect(surdSign({ a: s(70710678118654752440n, -20), b: s(-1n) }, f2)).toBe(-1);
    expect(surdSign({ a: s(-70710678118654752441n, -20), b: s(1n) }, f2)).toBe(-1);
    expect(surdSign({ a: s(-70710678118654752440n, -20), b: s(1n) }, f2)).toBe(1);
  });
});

describe('invSqrtScaled', () => {
  it('should truncate 1/√p with at least `digits` correct significant digits', () => {
    for (const p of [2, 3, 7, 10, 99, 12345]) {
      for (const digits of [5, 30, 120]) {
        const v = toDecimal(invSqrtScaled(p, digits), WIDE);
        const exact = new WIDE(1).div(new WIDE(p).sqrt());
        expect(v.lte(exact), `p = ${p}, ${digits} digits: truncated`).toBe(true);
        expect(relErr(v, exact), `p = ${p}, ${digits} digits`).toBeLessThan(10 ** -digits);
        // a second call (cached) gives the same value
        expect(invSqrtScaled(p, digits)).toEqual(invSqrtScaled(p, digits));
      }
    }
  });

  it('should cache 1/√p per (p, digits): a repeated request returns the stored value, also after other requests', () => {
    const first = invSqrtScaled(11, 64);
    const other = invSqrtScaled(13, 64);
    expect(invSqrtScaled(11, 64)).toBe(first);
    expect(invSqrtScaled(13, 64)).toBe(other);
    expect(invSqrtScaled(11, 65)).not.toBe(first);
  });
});

describe('evaluateSurdScaled / evaluateSurd', () => {
  const P = 40;
  const cases: [string, Surd, number][] = [
    ['square p', { a: s(3n, -1), b: s(-7n, -2) }, 49],
    ['square p, p = 1', { a: s(3n, -1), b: s(-7n, -2) }, 1],
    ['square p, tiny result', { a: s(10n ** 30n + 1n, -30), b: s(-3n) }, 9],
    ['B = 0', { a: s(123456789n, -4), b: s(0n) }, 2],
    ['A = 0', { a: s(0n), b: s(-5n, 3) }, 6],
    ['generic', { a: s(2n), b: s(3n) }, 5],
    ['cancelling 19 digits', { a: s(-7071067811865475244n, -19), b: s(1n) }, 2],
    ['cancelling 60 digits', { a: s(-(isqrt(10n ** 120n / 3n)), -60), b: s(1n) }, 3],
    ['cancelling, B ≫ A', { a: s(-(isqrt(10n ** 100n * 7n)) - 1n, -50), b: s(7n) }, 7],
    // 7 digits cancel: the first working precision (P + 5) leaves a relative error of 1.6e-41
    // after rounding, just above 10^(−1−P), so P must be raised once
    ['cancelling 7 digits', { a: s(-isqrt(10n ** 14n / 19n), -7), b: s(1n) }, 19],
    // A = −(1/√2 truncated to 48 digits, the first working precision's s): A + B·s_wp is exactly 0
    // there, so log10 bounds of the computed sum do not exist and the precision must be raised
    ['computed sum exactly 0 at the first working precision', { a: s(-isqrt(10n ** 96n / 2n), -48), b: s(1n) }, 2],
    ['square p, inexact division (1/31)', { a: s(0n), b: s(1n) }, 961],
    ['B = 0, A with more than P + 2 digits', { a: s(10n ** 60n / 3n, -60), b: s(0n) }, 2],
  ];

  it('should have relative error below 10^(−1−precision) and ≈ precision + 2 digits (scaled)', () => {
    for (const [name, x, p] of cases) {
      const f = makeSurdField(p);
      const exact = exactValue(x, p);
      const v = evaluateSurdScaled(x, f, P);
      expect(relErr(toDecimal(v, WIDE), exact), name).toBeLessThan(10 ** (-1 - P));
      // measured: P + 2 to P + 4 digits on these cases (square p keeps 3 + digits(m) guard digits)
      expect(v.n.toString().replace('-', '').length, name).toBeLessThanOrEqual(P + 4);
    }
  });

  it('should round to `precision` significant digits (relative error below 10^(1−precision))', () => {
    for (const [name, x, p] of cases) {
      const v = evaluateSurd(x, makeSurdField(p), P);
      expect(v, name).toBeInstanceOf(workingContext(P));
      expect(v.precision(), name).toBeLessThanOrEqual(P);
      // measured: correctly rounded on these cases (at most 0.11 · 10^(1−P))
      expect(relErr(v, exactValue(x, p)), name).toBeLessThan(10 ** (1 - P));
    }
  });

  it('should give exact zeros exactly, on every path', () => {
    expect(evaluateSurd({ a: s(1n), b: s(-3n) }, makeSurdField(9), P).isZero()).toBe(true);
    expect(evaluateSurdScaled({ a: s(0n), b: s(0n) }, makeSurdField(5), P).n).toBe(0n);
    expect(evaluateSurdScaled({ a: s(0n), b: s(0n) }, makeSurdField(4), P).n).toBe(0n);
    expect(evaluateSurd({ a: s(0n), b: s(0n) }, makeSurdField(5), P).isZero()).toBe(true);
  });

  it('should evaluate square p exactly as (mA + B)/m, whatever the cancellation', () => {
    // p = 9: A = −0.33…3 (25000 threes), B = 1: A + B/3 = 10^−25000/3. The digits cancelled exceed
    // MAX_WORKING_PRECISION, but for square p the sum mA + B is exact and only the division rounds.
    const g = 25000;
    const x = { a: s(-(10n ** BigInt(g) - 1n) / 3n, -g), b: s(1n) };
    const ctor = workingContext(P);
    expect(evaluateSurd(x, makeSurdField(9), P).eq(new ctor(1).div(3).times(`1e-${g}`))).toBe(true);
  });

  it('should evaluate up to MAX_WORKING_PRECISION working digits and throw beyond', () => {
    // A = −⌊10^g/√2⌋/10^g, B = 1: A + 1/√2 = frac(10^g/√2)·10^−g, about g digits cancel. At
    // precision 15000 the working precision needs ≈ 15000 + g digits.
    const precision = 15000;
    const surd = (g: number): Surd => ({ a: s(-isqrt(10n ** BigInt(2 * g) / 2n), -g), b: s(1n) });
    // g = 4000: inside the limit; the leading 25 digits of frac(10^g/√2) from an integer root
    const g = 4000;
    const v = evaluateSurdScaled(surd(g), makeSurdField(2), precision);
    const next = isqrt(10n ** BigInt(2 * (g + 30)) / 2n) % 10n ** 30n; // digits g+1 … g+30 of 1/√2
    const digits = v.n.toString();
    expect(v.e + digits.length).toBe(-g - (30 - next.toString().length));
    expect(digits.slice(0, 25)).toBe(next.toString().slice(0, 25));
    // g = 6000: 15000 + 6000 > MAX_WORKING_PRECISION
    expect(() => evaluateSurdScaled(surd(6000), makeSurdField(2), precision)).toThrow(
      new RangeError(`reference: A + B/√p cancels beyond ${MAX_WORKING_PRECISION} digits (p = 2)`),
    );
  });

  it('should need exactly precision + cancelled digits + 10 working digits, cancelled counted from the larger term', async () => {
    // MAX_WORKING_PRECISION replaced (./precision-limit.ts): the smallest limit that succeeds is the
    // working precision used. A = −⌊10^60/√2⌋/10^60, B = 1: 61 digits cancelled, 30 + 61 + 10 = 101.
    // A = −(1/√2)(1 − 0.9998e-3) to 40 digits, B = 1: the sum is 10^−3.0000869 of the larger term
    // and 10^−3.0005 of the smaller, so the count from the larger is ⌈3.00009⌉ + 1 = 5: 30 + 5 + 10.
    const bs = isqrt(10n ** 80n / 2n);
    const cases: [Surd, number][] = [
      [{ a: s(-isqrt(10n ** 120n / 2n), -60), b: s(1n) }, 101],
      [{ a: s(-(bs * (10n ** 7n - 9998n)) / 10n ** 7n, -40), b: s(1n) }, 45],
    ];
    for (const [x, needed] of cases) {
      const at = await withReferenceLimits({ MAX_WORKING_PRECISION: needed }, () => import('../../src/reference/quadratic-surd.ts'));
      expect(relErr(toDecimal(at.evaluateSurdScaled(x, at.makeSurdField(2), 30), WIDE), exactValue(x, 2))).toBeLessThan(1e-31);
      const below = await withReferenceLimits({ MAX_WORKING_PRECISION: needed - 1 }, () => import('../../src/reference/quadratic-surd.ts'));
      expect(() => below.evaluateSurdScaled(x, below.makeSurdField(2), 30)).toThrow(new RangeError(`reference: A + B/√p cancels beyond ${needed - 1} digits (p = 2)`));
    }
  });

  it('should evaluate near MAX_WORKING_PRECISION when the working precision it needs stays within the limit', () => {
    // x − A = B/√p, so p(x − A)² = B² up to the error Δx of x: |p(x − A)² − B²| ≈ 2p|x − A|·|Δx|,
    // computed exactly in scaled arithmetic (x has about 20000 digits)
    const residualBelow = (v: Scaled, a: Scaled, b: Scaled, p: number, k: number): boolean => {
      const d = sub(v, a);
      const r = sub(mulInt(mul(d, d), BigInt(p)), mul(b, b));
      return compare({ n: r.n < 0n ? -r.n : r.n, e: r.e }, { n: 1n, e: -k }) < 0;
    };
    // 2 − 1/√5: hardly any cancellation; 19990 + 5 working digits suffice (≤ 20000). |Δx| <
    // 1.6·10^(−1−P) allows a residual up to 7·10^(−1−P) < 10^−P (measured: 10^(−P−2.95))
    const x1 = { a: s(2n), b: s(-1n) };
    const precision1 = MAX_WORKING_PRECISION - 10;
    const v1 = evaluateSurdScaled(x1, makeSurdField(5), precision1);
    expect(residualBelow(v1, x1.a, x1.b, 5, precision1)).toBe(true);
    // −0.707 + 1/√2 ≈ 1.07e-4: about 4 digits cancel, so the working precision is raised to
    // exactly MAX_WORKING_PRECISION (allowed); |Δx| < 1.07e-4·10^(−1−P) allows a residual up to
    // 3·10^(−5−P) < 10^(−3−P) (measured: 10^(−P−5.4))
    const x2 = { a: s(-707n, -3), b: s(1n) };
    const precision2 = MAX_WORKING_PRECISION - 15;
    const v2 = evaluateSurdScaled(x2, makeSurdField(2), precision2);
    expect(residualBelow(v2, x2.a, x2.b, 2, precision2 + 3)).toBe(true);
  });
});
