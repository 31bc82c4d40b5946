/**
 * Example tests of the float64 closed forms src/model/population-loss.ts (THEORY.md §2):
 * hand-computed values, the invariances of the model, argument checking, and agreement of the
 * fused kernel with its allocating wrapper. The comparison with the 60-digit reference over random
 * points is the claim model.float-vs-reference; the special cases are in ./special-cases.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, lossAndGradient, newLossState } from '../../src/model/population-loss.ts';
import { makeTeacher } from '../../src/model/teacher.ts';

const U = 2 ** -53;

/**
 * |actual − expected| ≤ ulps·u·|expected| (exact when expected is 0). Each tolerance below is the
 * smallest power of two at or above the measured error, which the comment beside it states.
 */
function expectUlps(actual: number, expected: number, ulps: number): void {
  expect(Math.abs(actual - expected), `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(ulps * U * Math.abs(expected));
}

describe('population-loss: hand-computed values', () => {
  // p = k = 1, w* = 0 (e + w* = 1), a* = 1, a = 2.
  const t = makeTeacher(Float64Array.of(0), Float64Array.of(1));
  const a = Float64Array.of(2);

  it('should give L = 1/4, ∇_a L = 1/2, ∇_w L = 0 at φ = 0 (e + w = 2)', () => {
    // L = ((π−1)·1 + 1)/4π + h(0)·2/2π = 1/4; ∇_a L = ((π−1)·1 + 1 + 0)/2π = 1/2.
    const r = evaluate(t, Float64Array.of(1), a);
    expect(r.phi).toBe(0);
    expectUlps(r.loss, 0.25, 1); // measured: exact
    expectUlps(r.gradA[0], 0.5, 1); // measured: exact
    expect(r.gradW[0] === 0, `∇_w L = ${r.gradW[0]}`).toBe(true);
  });

  it('should give L = 5/4, ∇_a L = 1 at φ = π (e + w = −2)', () => {
    // h(π) = π: L = (a − a*)²/4 + a·a*/2 = 1/4 + 1; ∇_a L = (π(a − a*) + π a*)/2π = a/2 = 1.
    const r = evaluate(t, Float64Array.of(-3), a);
    expect(r.phi).toBe(Math.PI);
    expectUlps(r.loss, 1.25, 1); // measured: exact
    expectUlps(r.gradA[0], 1, 1); // measured: exact
    expect(r.gradW[0] === 0, `∇_w L = ${r.gradW[0]}`).toBe(true);
  });

  it('should give h(π/2) = π − 1 at a right angle: L = (π − 1)‖a*‖²/2π at a = a*', () => {
    // p = 4 (e = 1/2): e + w* = (3/2, −1/2, 1/2, 1/2), e + w = (0, 1, 1/2, 1/2), (e + w)ᵀ(e + w*) = 0.
    const right = makeTeacher(Float64Array.of(1, -1, 0, 0), Float64Array.of(1.5, -0.5, 2));
    const state = newLossState();
    const gradW = new Float64Array(4);
    const gradA = new Float64Array(3);
    const loss = lossAndGradient(right, Float64Array.of(-0.5, 0.5, 0, 0), Float64Array.of(1.5, -0.5, 2), gradW, gradA, state);
    // φ = 2·atan2(√2, √2) = 2·fl(π/4): one ulp of π/2 above the double nearest π/2.
    expectUlps(state.phi, Math.PI / 2, 2); // measured: 1.27 ulps
    expectUlps(state.h, Math.PI - 1, 2); // measured: 2 ulps (‖w − w*‖ > ‖u*‖: d is formed directly)
    expectUlps(loss, ((Math.PI - 1) * 6.5) / (2 * Math.PI), 2); // measured: 2 u (h's error, above; 1.7 u from the true value)
  });
});

describe('population-loss: invariances', () => {
  const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1), Float64Array.of(1.3, -0.7));
  const w = Float64Array.of(0.4, 0.9, -1.2);
  const a = Float64Array.of(0.2, 0.5);

  it('should depend on w only through the direction of e + w, with ∇_w L scaling as 1/‖e + w‖', () => {
    // e + w → 4(e + w) (a power of two, so only w = 4(e + w) − e is rounded).
    const e = 1 / Math.sqrt(3);
    const w4 = w.map((wi) => 4 * (e + wi) - e);
    const r1 = evaluate(t, w, a);
    const r4 = evaluate(t, w4, a);
    expectUlps(r4.loss, r1.loss, 1); // measured: exact
    expectUlps(r4.phi, r1.phi, 2); // measured: 1.8 ulps
    // Normwise: a small component of ∇_w L carries the direction's rounding (~u) in absolute terms.
    const diff = Math.hypot(...Array.from(r4.gradW, (g, i) => 4 * g - r1.gradW[i]));
    expect(diff).toBeLessThanOrEqual(8 * U * Math.hypot(...r1.gradW)); // measured: 4.2 ulps
    for (let j = 0; j < 2; j++) expectUlps(r4.gradA[j], r1.gradA[j], 4); // measured: 3.0 ulps
  });

  it('should give the same L and ∇_a L, and no ∇_w L, on the global ray e + w = 2(e + w*) at a = a*', () => {
    const e = 1 / Math.sqrt(3);
    const onRay = t.uStar.map((x) => 2 * x - e);
    const r = evaluate(t, onRay, Float64Array.from(t.aStar));
    // φ is zero up to the rounding of w: L = h(φ)‖a*‖²/2π ≈ φ²‖a*‖²/4.
    expect(r.phi).toBeLessThan(1e-15);
    expect(r.loss).toBeLessThan(1e-30);
    for (const g of r.gradA) expect(Math.abs(g)).toBeLessThan(1e-30);
  });
});

describe('population-loss: the fused kernel and its wrapper', () => {
  it('should write the same values as evaluate and fill the state', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, 2, -1));
    const w = Float64Array.of(-0.4, 0.8);
    const a = Float64Array.of(0.5, -0.1, 0.3);
    const gradW = new Float64Array(2);
    const gradA = new Float64Array(3);
    const state = newLossState();
    const loss = lossAndGradient(t, w, a, gradW, gradA, state);
    const r = evaluate(t, w, a);
    expect(loss).toBe(r.loss);
    expect(state.loss).toBe(r.loss);
    expect(state.phi).toBe(r.phi);
    expect(Array.from(gradW)).toEqual(Array.from(r.gradW));
    expect(Array.from(gradA)).toEqual(Array.from(r.gradA));
    expect(state.piMinusPhi + state.phi).toBeCloseTo(Math.PI, 15);
    // aᵀa* = 0.5 − 0.2 − 0.3 = 0 exactly: Dot2 returns an exact 0.
    expect(state.aDotAStar).toBe(0);
  });
});

describe('population-loss: argument checking', () => {
  const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1), Float64Array.of(1.3, -0.7));

  it('should name the shape when w or a has the wrong length', () => {
    expect(() => evaluate(t, new Float64Array(2), new Float64Array(2))).toThrow('w must have length p = 3 (got 2)');
    expect(() => evaluate(t, new Float64Array(3), new Float64Array(4))).toThrow('a must have length k = 2 (got 4)');
    const state = newLossState();
    expect(() => lossAndGradient(t, new Float64Array(3), new Float64Array(2), new Float64Array(1), new Float64Array(2), state)).toThrow(
      'gradW must have length p = 3 (got 1)',
    );
  });

  it('should reject e + w = 0, where the student is undefined', () => {
    // p = 4: e = 1/2 is a double, so w = −e gives e + w = 0 exactly.
    const t4 = makeTeacher(Float64Array.of(0.1, 0, 0, 0), Float64Array.of(1));
    expect(() => evaluate(t4, new Float64Array(4).fill(-0.5), Float64Array.of(1))).toThrow(RangeError);
    expect(() => makeTeacher(new Float64Array(4).fill(-0.5), Float64Array.of(1))).toThrow('e + wStar must be non-zero');
  });
});
