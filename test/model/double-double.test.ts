/**
 * The double-double arithmetic of src/model/double-double.ts against 60-digit decimal.js with exact
 * double → decimal conversion: each operation on random operands (exponents spread over ±20
 * decades, low parts a random fraction of an ulp) and sin/cos on [0, 2].
 */
import { describe, expect, it } from 'vitest';
import { add, divide, type DoubleDouble, multiply, PI, sinCos, sqrt, subtract, twoSum } from '../../src/model/double-double.ts';
import { Rng } from '../../src/random/rng.ts';
import { makeReferenceContext } from '../../src/reference/decimal-context.ts';
import { doubleToDecimal } from '../../src/reference/exact-double.ts';

const D = makeReferenceContext(60);
type Dec = InstanceType<typeof D>;
const exact = (x: DoubleDouble): Dec => doubleToDecimal(x[0], D).plus(doubleToDecimal(x[1], D));
const relativeError = (got: DoubleDouble, want: Dec): number => exact(got).minus(want).div(want).abs().toNumber();

function randomDD(rng: Rng, signed = true): DoubleDouble {
  const hi = (signed && rng.uniform() < 0.5 ? -1 : 1) * (1 + rng.uniform()) * 10 ** Math.floor(40 * rng.uniform() - 20);
  return twoSum(hi, hi * 2 ** -53 * (rng.uniform() - 0.5));
}

describe('double-double arithmetic against 60-digit decimal.js', () => {
  /**
   * Measured over 2000 operand pairs: add and subtract ≤ 1.7e-32 (relative to the larger operand:
   * sums may cancel), multiply ≤ 1.9e-32, divide ≤ 1.5e-32, sqrt ≤ 2.7e-32 relative, within the
   * few units of 2⁻¹⁰⁶ ≈ 1.2e-32 the algorithms promise. Tolerance 1e-31, about 4× the largest.
   */
  it('should add, subtract, multiply, divide and take square roots to about 2⁻¹⁰⁴ relative', () => {
    const rng = new Rng(11);
    const worst = { add: 0, multiply: 0, divide: 0, sqrt: 0 };
    for (let i = 0; i < 2000; i++) {
      const x = randomDD(rng);
      const y = randomDD(rng);
      const ex = exact(x);
      const ey = exact(y);
      const scale = ex.abs().gt(ey.abs()) ? ex.abs() : ey.abs();
      worst.add = Math.max(worst.add, exact(add(x, y)).minus(ex.plus(ey)).abs().div(scale).toNumber());
      worst.add = Math.max(worst.add, exact(subtract(x, y)).minus(ex.minus(ey)).abs().div(scale).toNumber());
      worst.multiply = Math.max(worst.multiply, relativeError(multiply(x, y), ex.times(ey)));
      worst.divide = Math.max(worst.divide, relativeError(divide(x, y), ex.div(ey)));
      const positive = randomDD(rng, false);
      worst.sqrt = Math.max(worst.sqrt, relativeError(sqrt(positive), exact(positive).sqrt()));
    }
    for (const [name, value] of Object.entries(worst)) expect(value, name).toBeLessThanOrEqual(1e-31);
  });

  it('should give √0 = 0 and carry π to 106 bits', () => {
    expect(sqrt([0, 0])).toEqual([0, 0]);
    expect(relativeError(PI, D.acos(-1))).toBeLessThanOrEqual(2 ** -105);
  });

  /** Measured over 640 points of [0, 3.2]: 7.0e-32 absolute at worst; tolerance 1e-31. */
  it('should give sin x and cos x on [0, 3.2] to about 1e-31 absolute', () => {
    let worst = 0;
    for (let i = 0; i <= 640; i++) {
      const x = (3.2 * i) / 640 + (i % 2 === 0 ? 0 : 1e-3);
      if (x > 3.2) continue;
      const { sin, cos } = sinCos(x);
      const ex = doubleToDecimal(x, D);
      worst = Math.max(worst, exact(sin).minus(ex.sin()).abs().toNumber(), exact(cos).minus(ex.cos()).abs().toNumber());
    }
    expect(worst).toBeLessThanOrEqual(1e-31);
  });

  it('should reject x outside [0, 3.2] for sinCos, naming the value', () => {
    expect(() => sinCos(3.5)).toThrow('sinCos needs x in [0, 3.2] (got 3.5)');
    expect(() => sinCos(-0.5)).toThrow('sinCos needs x in [0, 3.2] (got -0.5)');
    expect(() => sinCos(Number.NaN)).toThrow(/got NaN/);
  });
});
