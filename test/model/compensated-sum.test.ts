/**
 * Sum2, the compensated sum of differences and Dot2 of src/model/compensated-sum.ts (Ogita, Rump &
 * Oishi 2005): results as accurate as if computed in twice the working precision and rounded,
 *
 *   |sum2(x) − Σx| ≤ u|Σx| + γ²_{n}·Σ|x_i|,   |dot2(x, y) − xᵀy| ≤ u|xᵀy| + γ²_{n}·|x|ᵀ|y|,
 *
 * γ_n = nu/(1 − nu), checked against exact sums (BigInt decimals of the doubles, no rounding) on
 * sums that cancel: there a plain loop returns 0 or loses every digit, so each error-free
 * transformation (TwoSum, TwoProduct) is needed for these tests to pass.
 */
import { describe, expect, it } from 'vitest';
import { dot2, shiftedSumOfSquares2, sum2, sumOfDifferences2 } from '../../src/model/compensated-sum.ts';
import { shortcutComponent, shortcutRoundingError } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';
import { doubleToScaled } from '../../src/reference/exact-double.ts';
import { makeReferenceContext } from '../../src/reference/decimal-context.ts';
import { add, mul, neg, type Scaled, sub, toDecimal, ZERO } from '../../src/reference/scaled.ts';

const U = 2 ** -53;
const D = makeReferenceContext(60);

function gamma(n: number): number {
  return (n * U) / (1 - n * U);
}

function exact(x: number): Scaled {
  return doubleToScaled(x);
}

/** |computed − exact| as a double (60 significant digits are ample for a ratio). */
function absError(computed: number, exactValue: Scaled): number {
  return toDecimal(sub(exact(computed), exactValue), D).abs().toNumber();
}

function absValue(x: Scaled): number {
  return toDecimal(x, D).abs().toNumber();
}

/**
 * Ill-conditioned data after Ogita, Rump & Oishi's GenDot: a vector of doubles with exponents
 * spread over ±`spread` binades, followed by entries that cancel the running sum, so the exact
 * result is small next to Σ|x_i|.
 */
function cancellingVector(rng: Rng, n: number, spread: number): Float64Array {
  const x = new Float64Array(n);
  const half = n >> 1;
  for (let i = 0; i < half; i++) x[i] = (2 * rng.uniform() - 1) * 2 ** Math.round((2 * rng.uniform() - 1) * spread);
  let s = 0;
  for (let i = 0; i < half; i++) s += x[i];
  for (let i = half; i < n; i++) {
    x[i] = -s * (1 + (2 * rng.uniform() - 1) * 2 ** -40) / (n - half) + (2 * rng.uniform() - 1) * 2 ** Math.round(-rng.uniform() * spread);
  }
  return x;
}

describe('compensated sums: examples that defeat a plain loop', () => {
  it('should give sum2([1e16, 1, −1e16]) = 1 (a plain loop gives 0)', () => {
    expect(sum2(Float64Array.of(1e16, 1, -1e16))).toBe(1);
  });

  it('should give sum2 of one and of no entries exactly', () => {
    expect(sum2(Float64Array.of(0.1))).toBe(0.1);
    expect(sum2(new Float64Array(0))).toBe(0);
  });

  it('should give Σ(x − y) = 2 for x = (1e16, 1), y = (−1, 1e16) (each difference rounds; a plain loop gives 0)', () => {
    // x_0 − y_0 = 1e16 + 1 and x_1 − y_1 = 1 − 1e16 are not doubles (the ulp at 1e16 is 2).
    expect(sumOfDifferences2(Float64Array.of(1e16, 1), Float64Array.of(-1, 1e16))).toBe(2);
  });

  it('should give dot2 = −2⁻⁵⁴ for (1 + 2⁻²⁷)(1 − 2⁻²⁷) − 1 (the product rounds to 1)', () => {
    expect(dot2(Float64Array.of(1 + 2 ** -27, -1), Float64Array.of(1 - 2 ** -27, 1))).toBe(-(2 ** -54));
  });

  it('should give dot2([1e16, 1, −1e16], [1, 1, 1]) = 1', () => {
    expect(dot2(Float64Array.of(1e16, 1, -1e16), Float64Array.of(1, 1, 1))).toBe(1);
  });
});

describe('compensated sums: the twice-the-precision error bound on cancelling data', () => {
  const rng = new Rng(20191209);
  const cases = Array.from({ length: 60 }, (_, i) => {
    const n = [2, 3, 7, 40, 200][i % 5];
    return { x: cancellingVector(rng, n, 40), y: cancellingVector(rng, n, 40) };
  });

  it('should keep sum2 within u|Σx| + γ²_n Σ|x_i|', () => {
    for (const { x } of cases) {
      let s = ZERO;
      let abs = 0;
      for (const xi of x) {
        s = add(s, exact(xi));
        abs += Math.abs(xi);
      }
      const bound = U * absValue(s) + gamma(x.length) ** 2 * abs;
      expect(absError(sum2(x), s), `n = ${x.length}`).toBeLessThanOrEqual(bound);
    }
  });

  it('should keep sumOfDifferences2 within u|Σ(x − y)| + γ²_{2n} Σ(|x_i| + |y_i|)', () => {
    for (const { x, y } of cases) {
      let s = ZERO;
      let abs = 0;
      for (let i = 0; i < x.length; i++) {
        s = add(s, add(exact(x[i]), neg(exact(y[i]))));
        abs += Math.abs(x[i]) + Math.abs(y[i]);
      }
      const bound = U * absValue(s) + gamma(2 * x.length) ** 2 * abs;
      expect(absError(sumOfDifferences2(x, y), s), `n = ${x.length}`).toBeLessThanOrEqual(bound);
    }
  });

  it('should keep dot2 within u|xᵀy| + γ²_n |x|ᵀ|y|', () => {
    for (const { x, y } of cases) {
      let s = ZERO;
      let abs = 0;
      for (let i = 0; i < x.length; i++) {
        s = add(s, mul(exact(x[i]), exact(y[i])));
        abs += Math.abs(x[i] * y[i]);
      }
      const bound = U * absValue(s) + gamma(x.length) ** 2 * abs * (1 + U);
      expect(absError(dot2(x, y), s), `n = ${x.length}`).toBeLessThanOrEqual(bound);
    }
  });
});

describe('shiftedSumOfSquares2: Σ (x_i + c + cLo)² with the shift in double-double', () => {
  /**
   * Against the exact sum (the doubles and the double-double shift in exact arithmetic): a sum of
   * squares does not cancel, so the compensated result is within about u relative — 3u is the
   * tolerance (measured below: at most 0.97u). Cases: e = fl(1/√p) with its rounding error as the
   * shift; entries spread over magnitudes; entries equal to −e or within a few ulps of it, where
   * fl(x_i + e) cancels and the low parts carry the value; large entries (the TwoProduct split).
   */
  it('should be within 3u of the exact Σ (x_i + c + cLo)², where a plain loop is not', () => {
    const rng = new Rng(5);
    let worst = 0;
    let plainWorst = 0;
    for (let trial = 0; trial < 60; trial++) {
      const p = 1 + Math.floor(rng.uniform() * 300);
      const c = shortcutComponent(p);
      const cLo = shortcutRoundingError(p, c);
      const kind = trial % 3;
      const x = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        if (kind === 0) x[i] = (2 * rng.uniform() - 1) * 2 ** Math.round((2 * rng.uniform() - 1) * 20);
        else if (kind === 1) x[i] = -c + Math.round((2 * rng.uniform() - 1) * 4) * 2 ** (Math.floor(Math.log2(c)) - 52);
        else x[i] = (2 * rng.uniform() - 1) * 1e150;
      }
      let exactSum = ZERO;
      const shift = add(exact(c), exact(cLo));
      for (let i = 0; i < p; i++) {
        const y = add(exact(x[i]), shift);
        exactSum = add(exactSum, mul(y, y));
      }
      const size = absValue(exactSum);
      if (size === 0) continue;
      worst = Math.max(worst, absError(shiftedSumOfSquares2(x, c, cLo), exactSum) / (U * size));
      let plain = 0;
      for (let i = 0; i < p; i++) plain += (x[i] + c) ** 2;
      plainWorst = Math.max(plainWorst, absError(plain, exactSum) / (U * size));
    }
    console.log(worst, plainWorst);
    expect(worst).toBeLessThanOrEqual(3);
    expect(plainWorst).toBeGreaterThan(3); // the data do exercise the compensation
  });

  /**
   * One term is rounded once: with the shift's low part and the square's TwoProduct error carried,
   * the result is (x + c + cLo)² correctly rounded up to an O(u²) relative slip — half an ulp. A
   * compensation term lost or of the wrong sign shows as an error near a whole ulp in most draws.
   */
  it('should round a single (x + c + cLo)² to within half an ulp', () => {
    const rng = new Rng(9);
    const c = shortcutComponent(3);
    const cLo = shortcutRoundingError(3, c);
    for (let trial = 0; trial < 400; trial++) {
      const x = (4 * rng.uniform() - 2) * 2 ** Math.round(4 * rng.uniform() - 2);
      const y = add(exact(x), add(exact(c), exact(cLo)));
      const exactSquare = mul(y, y);
      const result = shiftedSumOfSquares2(Float64Array.of(x), c, cLo);
      const halfUlp = 2 ** (Math.floor(Math.log2(Math.abs(result))) - 53);
      expect(absError(result, exactSquare), `x = ${x}`).toBeLessThanOrEqual(halfUlp * (1 + 1e-9));
    }
  });
});
