/**
 * The teacher of src/model/teacher.ts (THEORY.md §1): e = 1_p/√p, u* = e + w*, ‖u*‖, v* = u* / ‖u*‖,
 * ‖a*‖² and 1ᵀa* (the last two compensated: Dot2 and Sum2), the argument checks whose RangeErrors
 * name the value and the shape (CONVENTIONS.md), and the CNN ↔ ResNet maps of src/model/cnn.ts.
 */
import { describe, expect, it } from 'vitest';
import { cnnFromResnet, resnetFromCnn } from '../../src/model/cnn.ts';
import { assertFinite, makeTeacher, shortcutComponent } from '../../src/model/teacher.ts';

describe('makeTeacher: the derived quantities', () => {
  it('should give e = 1/√p, u* = e + w*, ‖u*‖ and the unit v* (p = 4: e = 1/2 exactly)', () => {
    const t = makeTeacher(Float64Array.of(2.5, 3.5, -0.5, -0.5), Float64Array.of(1, -2));
    expect(t.p).toBe(4);
    expect(t.k).toBe(2);
    expect(t.e).toBe(0.5);
    expect(Array.from(t.uStar)).toEqual([3, 4, 0, 0]);
    expect(t.normUStar).toBe(5);
    expect(Array.from(t.vStar)).toEqual([0.6, 0.8, 0, 0]);
    expect(t.aStarNormSq).toBe(5);
    expect(t.aStarSum).toBe(-1);
  });

  it('should give the shortcut component 1/√p', () => {
    expect(shortcutComponent(1)).toBe(1);
    expect(shortcutComponent(4)).toBe(0.5);
    expect(shortcutComponent(2)).toBe(1 / Math.SQRT2);
    expect(shortcutComponent(3)).toBe(1 / Math.sqrt(3));
  });

  it('should compute 1ᵀa* and ‖a*‖² without cancellation (Sum2, Dot2)', () => {
    const t = makeTeacher(Float64Array.of(0), Float64Array.of(1e16, 1, -1e16));
    expect(t.aStarSum).toBe(1); // a plain loop gives 0
    expect(t.aStarNormSq).toBe(2e32); // the exact 2e32 + 1, correctly rounded
  });

  it('should copy w* and a*: changing the caller’s arrays afterwards changes nothing', () => {
    const wStar = Float64Array.of(0.1, 0.2);
    const aStar = Float64Array.of(1, 2);
    const t = makeTeacher(wStar, aStar);
    wStar[0] = 9;
    aStar[0] = 9;
    expect(t.wStar[0]).toBe(0.1);
    expect(t.aStar[0]).toBe(1);
  });
});

describe('makeTeacher: argument checks name the value and the shape', () => {
  it('should reject p = 0 and k = 0', () => {
    expect(() => makeTeacher(new Float64Array(0), Float64Array.of(1))).toThrow(new RangeError('wStar must have length p ≥ 1 (got 0)'));
    expect(() => makeTeacher(Float64Array.of(0), new Float64Array(0))).toThrow(new RangeError('aStar must have length k ≥ 1 (got 0)'));
  });

  it('should reject non-finite entries by name and index', () => {
    expect(() => makeTeacher(Float64Array.of(0, NaN), Float64Array.of(1))).toThrow(new RangeError('wStar[1] must be finite (got NaN)'));
    expect(() => makeTeacher(Float64Array.of(0), Float64Array.of(1, 2, -Infinity))).toThrow(new RangeError('aStar[2] must be finite (got -Infinity)'));
    expect(() => assertFinite('x', Float64Array.of(1, 2, 3))).not.toThrow();
    expect(() => assertFinite('x', Float64Array.of(Infinity))).toThrow(new RangeError('x[0] must be finite (got Infinity)'));
  });

  it('should reject e + w* = 0 (p = 4, w* = −1/2·1)', () => {
    expect(() => makeTeacher(Float64Array.of(-0.5, -0.5, -0.5, -0.5), Float64Array.of(1))).toThrow(
      new RangeError('e + wStar must be non-zero (got e + wStar = 0)'),
    );
  });
});

describe('the CNN as the ResNet at w = u − e (src/model/cnn.ts)', () => {
  it('should map u to w = u − e and back', () => {
    const u = Float64Array.of(1, 0, -0.5, 0.25);
    const w = resnetFromCnn(u);
    expect(Array.from(w)).toEqual([0.5, -0.5, -1, -0.25]);
    expect(Array.from(cnnFromResnet(w))).toEqual(Array.from(u));
  });
});
