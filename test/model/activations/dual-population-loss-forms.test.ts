/**
 * src/model/activations/dual-population-loss.ts at the points its module comment singles out:
 * - φ = π exactly: ∇_w L = 0 (v* − cos φ·v = v* + v = 0), finite for every activation;
 * - φ = 0 (w = w*) with a near a*: ∇_a L = V(a − a*) + μ²1·1ᵀ(a − a*) (γ(0) = 0), recomputed in
 *   50-digit decimal.js from the same V and μ — the form free of cancellation there;
 * - the loss L = ½[V‖a − a*‖² + μ²(1ᵀ(a − a*))²] + γ aᵀa* and the state it fills (h = γ(φ)).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { dualLossAndGradient, evaluateDual } from '../../../src/model/activations/dual-population-loss.ts';
import type { DualActivation } from '../../../src/model/activations/dual-activation.ts';
import { hermiteDual } from '../../../src/model/activations/hermite-dual.ts';
import { tanh } from '../../../src/model/activations/tanh.ts';
import { leakyReluDual } from '../../../src/model/leaky-relu-population-loss.ts';
import { newLossState } from '../../../src/model/population-loss.ts';
import { makeTeacher } from '../../../src/model/teacher.ts';
import { doubleToDecimal } from '../../../src/reference/exact-double.ts';

const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_EVEN });

/** Built inside each test, so that mutants of the dual modules are active when they run. */
const duals = (): readonly DualActivation[] => [leakyReluDual(0), leakyReluDual(0.2), hermiteDual(tanh)];

describe('dualLossAndGradient at φ = π exactly', () => {
  it('should give ∇_w L = 0 (finite) where e + w = −c(e + w*)', () => {
    // p = 4, w* = 0: e + w* = ½·1 and w = −1 gives e + w = −½·1 exactly, so v = −v* and φ = π.
    const t = makeTeacher(new Float64Array(4), Float64Array.of(1, -0.5));
    const w = new Float64Array(4).fill(-1);
    const a = Float64Array.of(0.3, 0.7);
    for (const dual of duals()) {
      const ev = evaluateDual(dual, t, w, a);
      expect(ev.phi, dual.name).toBe(Math.PI);
      expect(Array.from(ev.gradW), dual.name).toEqual([0, 0, 0, 0]);
      expect(ev.gradA.every(Number.isFinite), dual.name).toBe(true);
    }
  });
});

describe('dualLossAndGradient at φ = 0 with a near a*', () => {
  /**
   * ∇_a L = V δ + μ²(1ᵀδ)1 with δ = a − a* (γ(0) = 0): exact in 50 digits from the doubles V, μ
   * and δ. ‖∇_a L‖ ≈ 1e-10 while a* is O(1): any form that forms V a and κ a* separately loses
   * about u·‖a*‖/‖∇_a L‖ ≈ 1e-7 relative.
   */
  it('should give ∇_a L without cancellation (relative 1e-14)', () => {
    const aStar = Float64Array.of(1.25, -0.75, 0.5);
    const t = makeTeacher(Float64Array.of(0.1, -0.2, 0.05), aStar);
    const delta = Float64Array.of(1e-10, -3e-10, 2e-10 + 1e-11);
    const a = Float64Array.from(aStar, (x, j) => x + delta[j]);
    for (const dual of duals()) {
      const ev = evaluateDual(dual, t, t.wStar, a);
      expect(ev.phi, dual.name).toBe(0);
      expect(ev.gap, dual.name).toBe(0);
      const v = doubleToDecimal(dual.variance, D);
      const mu2 = doubleToDecimal(dual.mean, D).pow(2);
      const d = Array.from(a, (x, j) => doubleToDecimal(x, D).minus(doubleToDecimal(aStar[j], D)));
      const sum = d.reduce((s, x) => s.plus(x), new D(0));
      const exact = d.map((x) => v.times(x).plus(mu2.times(sum)).toNumber());
      const size = Math.hypot(...exact);
      // Measured worst over the three duals: 1.0e-16 of ‖∇_a L‖ (the far form V a + μ²(1ᵀδ + a*) − κ a*
      // gives 1.5e-7 to 4.1e-7);
      // tolerance 1e-14.
      for (let j = 0; j < 3; j++) expect(Math.abs(ev.gradA[j] - exact[j]), `${dual.name}, j = ${j}`).toBeLessThanOrEqual(1e-14 * size);
    }
  });
});

describe('dualLossAndGradient: the loss and the state', () => {
  it('should return L = ½[V‖a − a*‖² + μ²(1ᵀ(a − a*))²] + γ aᵀa* and fill state.loss and state.h = γ(φ)', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.1, 0.2), Float64Array.of(1, 2));
    const w = Float64Array.of(-0.4, 0.5, 0.1);
    const a = Float64Array.of(-0.5, 1.5);
    for (const dual of duals()) {
      const state = newLossState();
      const gradW = new Float64Array(3);
      const gradA = new Float64Array(2);
      const loss = dualLossAndGradient(dual, t, w, a, gradW, gradA, state);
      const gap = dual.gap(state.phi, state.piMinusPhi);
      expect(state.h, dual.name).toBe(gap);
      expect(state.loss, dual.name).toBe(loss);
      const d = [a[0] - 1, a[1] - 2];
      const dot = a[0] * 1 + a[1] * 2;
      const expected = 0.5 * (dual.variance * (d[0] ** 2 + d[1] ** 2) + dual.mean ** 2 * (d[0] + d[1]) ** 2) + gap * dot;
      // Same formula, summed in another order: measured 0 ulps; tolerance 4 ulps of the terms' size.
      const size = 0.5 * (dual.variance * (d[0] ** 2 + d[1] ** 2) + dual.mean ** 2 * (d[0] + d[1]) ** 2) + Math.abs(gap * dot);
      expect(Math.abs(loss - expected), dual.name).toBeLessThanOrEqual(4 * 2 ** -52 * size);
    }
  });
});
