/**
 * Input validation and exact conversion of src/reference/exact-input.ts against its doc comment:
 * doubles are converted bit-exactly, decimal.js entries (any clone, any precision) at their exact
 * value, and every malformed input is a RangeError naming the value and the shape.
 */
import { describe, expect, it } from 'vitest';
import { makeReferenceContext, workingContext } from '../../src/reference/decimal-context.ts';
import { type ReferenceInput, toExactInput } from '../../src/reference/exact-input.ts';
import { toDecimal } from '../../src/reference/scaled.ts';

const X = makeReferenceContext(1000);
const ok = { p: 2, k: 3, w: [0.1, -0], a: [1, 2, 3], wStar: [5e-324, 2 ** 60], aStar: [-1.5, 0, 1e300] };

describe('toExactInput', () => {
  it('should convert doubles bit-exactly and keep the dimensions', () => {
    const x = toExactInput(ok);
    expect(x.p).toBe(2);
    expect(x.k).toBe(3);
    expect(toDecimal(x.w[0], X).toString()).toBe('0.1000000000000000055511151231257827021181583404541015625');
    expect(x.w[1].n).toBe(0n);
    expect(toDecimal(x.wStar[0], X).eq(new X(2).pow(-1074))).toBe(true);
    expect(toDecimal(x.wStar[1], X).eq(new X(2).pow(60))).toBe(true);
    expect(x.a.map((v) => toDecimal(v, X).toNumber())).toEqual([1, 2, 3]);
    expect(x.aStar.map((v) => toDecimal(v, X).toNumber())).toEqual([-1.5, 0, 1e300]);
  });

  it('should take decimal.js entries of any clone at their exact value', () => {
    const D = workingContext(5); // operations would round to 5 digits; values themselves do not
    const x = toExactInput({ ...ok, w: [new D('0.1234567890123456789'), new D('-1e-400')] });
    expect(toDecimal(x.w[0], X).toString()).toBe('0.1234567890123456789');
    expect(toDecimal(x.w[1], X).toString()).toBe('-1e-400');
  });

  it('should refuse a string of the right length as a vector', () => {
    expect(() => toExactInput({ ...ok, w: '12' } as unknown as ReferenceInput)).toThrow(new RangeError('w must be an array of length p = 2 (got 12)'));
  });

  it('should accept array-likes (typed arrays)', () => {
    const x = toExactInput({ ...ok, w: new Float64Array([0.5, -2]) });
    expect(x.w.map((v) => toDecimal(v, X).toNumber())).toEqual([0.5, -2]);
  });

  it('should name the value and the shape in every error', () => {
    const bad = (patch: Record<string, unknown>): ReferenceInput => ({ ...ok, ...patch }) as unknown as ReferenceInput;
    expect(() => toExactInput(null as unknown as ReferenceInput)).toThrow(
      new RangeError('input must be an object { p, k, w, a, wStar, aStar } (got null)'),
    );
    expect(() => toExactInput(7 as unknown as ReferenceInput)).toThrow(/^input must be an object .* \(got 7\)$/);
    expect(() => toExactInput(bad({ p: -1 }))).toThrow(new RangeError('p must be a positive integer (got -1)'));
    expect(() => toExactInput(bad({ p: 2 ** 53 }))).toThrow(new RangeError(`p must be a positive integer (got ${2 ** 53})`));
    expect(() => toExactInput(bad({ k: '3' }))).toThrow(new RangeError('k must be a positive integer (got 3)'));
    expect(() => toExactInput(bad({ k: 0 }))).toThrow(new RangeError('k must be a positive integer (got 0)'));
    expect(toExactInput(bad({ p: 1, w: [0], wStar: [0] })).p).toBe(1);
    expect(() => toExactInput(bad({ a: null }))).toThrow(new RangeError('a must be an array of length k = 3 (got null)'));
    expect(() => toExactInput(bad({ wStar: 5 }))).toThrow(new RangeError('wStar must be an array of length p = 2 (got 5)'));
    expect(() => toExactInput(bad({ w: { length: '2' } }))).toThrow(/^w must be an array of length p = 2/);
    expect(() => toExactInput(bad({ aStar: [1, 2] }))).toThrow(new RangeError('aStar must have length k = 3 (got 2)'));
    expect(() => toExactInput(bad({ a: [1, Infinity, 3] }))).toThrow(new RangeError('a[1] must be a finite double (got Infinity)'));
    expect(() => toExactInput(bad({ w: [0, '1'] }))).toThrow(new RangeError('w[1] must be a number or a Decimal (got string)'));
    const D = workingContext(10);
    expect(() => toExactInput(bad({ aStar: [1, 2, new D(Number.NaN)] }))).toThrow(new RangeError('aStar[2] must be finite (got NaN)'));
  });
});
