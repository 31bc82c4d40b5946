/**
 * The leaky-ReLU closed form (src/model/leaky-relu-population-loss.ts) against
 * - its special cases: λ = 0 is THEORY.md §2's ReLU closed form, λ = 1 the linear model;
 * - Monte Carlo: the kernel E[σ(X)σ(Y)] on correlated normal pairs, and the loss and gradients
 *   against the sample-based model's per-sample means, each within its CLT bound;
 * - the 40-digit decimal.js twin (src/reference/leaky-relu.ts), derived another way, to 1e-13
 *   away from φ ∈ {0, π} (the float core's acceptance criterion near them).
 */
import { describe, expect, it } from 'vitest';
import { newActivationScratch, activationSampleLossAndGradient } from '../../../src/model/activations/activation-sample-model.ts';
import { dualKernel } from '../../../src/model/activations/dual-activation.ts';
import { evaluateDual } from '../../../src/model/activations/dual-population-loss.ts';
import { leakyRelu } from '../../../src/model/activations/leaky-relu.ts';
import { gaussianBatch } from '../../../src/model/gaussian-batch.ts';
import { leakyReluDual, leakyReluLossAndGradient } from '../../../src/model/leaky-relu-population-loss.ts';
import { lossAndGradient, newLossState } from '../../../src/model/population-loss.ts';
import { makeTeacher, type Teacher } from '../../../src/model/teacher.ts';
import { Rng } from '../../../src/random/rng.ts';
import { referenceLeakyRelu } from '../../../src/reference/leaky-relu.ts';
import { allowance } from '../../../src/claims/model.float-vs-reference.ts';

const U = 2 ** -53;

function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function randomPoint(rng: Rng, p: number, k: number, offset: number): { t: Teacher; w: Float64Array; a: Float64Array } {
  const wStar = rng.fillNormal(new Float64Array(p)).map((x) => 0.5 * x);
  const aStar = rng.fillNormal(new Float64Array(k));
  const t = makeTeacher(wStar, aStar);
  return { t, w: wStar.map((x) => x + offset * rng.normal()), a: aStar.map((x) => x + offset * rng.normal()) };
}

describe('leaky-relu closed form: special cases', () => {
  it('should be the ReLU closed form at λ = 0 (to a few ulps)', () => {
    const rng = new Rng(1);
    for (let trial = 0; trial < 50; trial++) {
      const { t, w, a } = randomPoint(rng, 1 + (trial % 6), 1 + (trial % 5), 1);
      // The ReLU kernel itself (`evaluate` would recompute a cancelling ∇_a L in double-double).
      const relu = { gradW: new Float64Array(t.p), gradA: new Float64Array(t.k), loss: 0 };
      relu.loss = lossAndGradient(t, w, a, relu.gradW, relu.gradA, newLossState());
      const leaky = evaluateDual(leakyReluDual(0), t, w, a);
      // V = ½ − 1/2π and μ² = 1/2π are rounded differently from (π−1)/4π and 1/4π, and ∇_w is the
      // ReLU gradient times 2πκ'/(π − φ) = 1 up to rounding. Measured (in units u = 2⁻⁵³ of each
      // quantity's norm): loss 2.2, ∇_a 8.7, ∇_w 1.05.
      expect(Math.abs(leaky.loss - relu.loss)).toBeLessThanOrEqual(4 * U * Math.abs(relu.loss));
      for (let i = 0; i < t.p; i++) expect(Math.abs(leaky.gradW[i] - relu.gradW[i])).toBeLessThanOrEqual(4 * U * norm(relu.gradW));
      for (let j = 0; j < t.k; j++) expect(Math.abs(leaky.gradA[j] - relu.gradA[j])).toBeLessThanOrEqual(16 * U * norm(relu.gradA));
    }
  });

  it('should be the linear model at λ = 1: L = ½‖a − a*‖² + (1 − cos φ) aᵀa*, ∇_w L = −(aᵀa*)(v* − cos φ v)/‖e + w‖', () => {
    const rng = new Rng(2);
    const { t, w, a } = randomPoint(rng, 5, 3, 1);
    const ev = evaluateDual(leakyReluDual(1), t, w, a);
    const dist = norm(a.map((x, j) => x - t.aStar[j]));
    const dot = a.reduce((s, x, j) => s + x * t.aStar[j], 0);
    expect(Math.abs(ev.loss - (0.5 * dist * dist + (1 - Math.cos(ev.phi)) * dot))).toBeLessThan(1e-14 * (dist * dist + Math.abs(dot)));
    const u = w.map((x) => x + t.e);
    const v = u.map((x) => x / norm(u));
    for (let i = 0; i < 5; i++) {
      const expected = (-dot * (t.vStar[i] - Math.cos(ev.phi) * v[i])) / norm(u);
      expect(Math.abs(ev.gradW[i] - expected)).toBeLessThan(1e-14 * Math.abs(dot));
    }
  });

  it('should have γ(π/2) = V and κ\'(1) = E σ\'² = (1 + λ²)/2, κ\'(0) = ((1 + λ)/2)²', () => {
    for (const lambda of [0, 0.01, 0.1, 0.5, 1]) {
      const d = leakyReluDual(lambda);
      expect(d.gap(Math.PI / 2, Math.PI / 2)).toBeCloseTo(d.variance, 15);
      expect(d.slope(0, Math.PI)).toBeCloseTo((1 + lambda * lambda) / 2, 15);
      expect(d.slope(Math.PI / 2, Math.PI / 2)).toBeCloseTo(((1 + lambda) / 2) ** 2, 15);
    }
  });

  it('should reject λ outside [0, 1] and write through the fused entry point', () => {
    expect(() => leakyReluDual(-0.1)).toThrow(new RangeError('leaky ReLU slope λ must be in [0, 1] (got -0.1)'));
    expect(() => leakyRelu(2)).toThrow(RangeError);
    const { t, w, a } = randomPoint(new Rng(3), 3, 2, 1);
    const gradW = new Float64Array(3);
    const gradA = new Float64Array(2);
    const state = newLossState();
    const loss = leakyReluLossAndGradient(0.2, t, w, a, gradW, gradA, state);
    const ev = evaluateDual(leakyReluDual(0.2), t, w, a);
    expect(loss).toBe(ev.loss);
    expect(state.h).toBe(ev.gap);
    expect(Array.from(gradW)).toEqual(Array.from(ev.gradW));
  });
});

describe('leaky-relu closed form: Monte Carlo', () => {
  it('should give E[σ(X)σ(Y)] of correlated standard normals within 5 standard errors', () => {
    // N = 2²⁰ pairs: the standard error is ≈ 1e-3 of κ; z = 5 (two-sided 5.7e-7 per comparison,
    // 15 comparisons). Measured max |z| = 1.8.
    const rng = new Rng(11);
    const n = 1 << 20;
    for (const lambda of [0.01, 0.1, 0.5]) {
      const sigma = leakyRelu(lambda);
      const dual = leakyReluDual(lambda);
      for (const phi of [0.1, 1, Math.PI / 2, 2.5, Math.PI - 0.05]) {
        const c = Math.cos(phi);
        const s = Math.sin(phi);
        let sum = 0;
        let sumSq = 0;
        for (let i = 0; i < n; i++) {
          const x = rng.normal();
          const y = c * x + s * rng.normal();
          const f = sigma.value(x) * sigma.value(y);
          sum += f;
          sumSq += f * f;
        }
        const mean = sum / n;
        const se = Math.sqrt((sumSq / n - mean * mean) / n);
        expect(Math.abs(mean - dualKernel(dual, phi, Math.PI - phi)) / se).toBeLessThan(5);
        if (lambda === 0.5 && phi === 1) {
          // Power: the same check rejects the cross term with the wrong sign, (1 + λ²)g + 2λq
          // (measured |z| = 117).
          const q = Math.sin(phi) - phi * Math.cos(phi);
          const g = (Math.PI - phi) * Math.cos(phi) + Math.sin(phi);
          const wrong = ((1 + lambda * lambda) * g + 2 * lambda * q) / (2 * Math.PI);
          expect(Math.abs(mean - wrong) / se).toBeGreaterThan(5);
        }
      }
    }
  });

  it('should equal the mean of the sample model\'s per-sample loss and gradients within the CLT bound', () => {
    // N = 65 536 inputs per point; loss z = 5 (5.7e-7 two-sided), gradient coordinates z = 5.6
    // (2.1e-8 each, ≤ 1.7e-7 over p + k ≤ 8 coordinates), 9 points. Measured max |z| = 2.6.
    // Power: the loss's relative half-width z·σ̂/(√N·L) is 3–4% at these points.
    const n = 65_536;
    const rng = new Rng(12);
    for (const lambda of [0.01, 0.1, 0.5]) {
      const sigma = leakyRelu(lambda);
      const dual = leakyReluDual(lambda);
      for (let point = 0; point < 3; point++) {
        const { t, w, a } = randomPoint(rng, 4, 4, point === 0 ? 0.1 : 1);
        const batch = gaussianBatch(rng, n, 4, 4);
        const scratch = newActivationScratch(4, 4);
        const gradW = new Float64Array(4);
        const gradA = new Float64Array(4);
        const sum = new Float64Array(9);
        const sumSq = new Float64Array(9);
        for (let i = 0; i < n; i++) {
          const values = [activationSampleLossAndGradient(sigma, t, batch, i, w, a, gradW, gradA, scratch), ...gradW, ...gradA];
          values.forEach((x, q) => {
            sum[q] += x;
            sumSq[q] += x * x;
          });
        }
        const ev = evaluateDual(dual, t, w, a);
        const closed = [ev.loss, ...ev.gradW, ...ev.gradA];
        closed.forEach((x, q) => {
          const mean = sum[q] / n;
          const se = Math.sqrt((sumSq[q] / n - mean * mean) / n);
          expect(Math.abs(mean - x) / se, `λ = ${lambda}, point ${point}, quantity ${q}`).toBeLessThan(q === 0 ? 5 : 5.6);
        });
      }
    }
  }, 60_000);
});

describe('leaky-relu closed form: against the 40-digit reference', () => {
  /** ‖x̂ − x‖/‖x‖ (0 when both vanish, ∞ when only x does). */
  function relativeError(approx: ArrayLike<number>, exact: readonly number[]): number {
    const diff = norm(Array.from(exact, (x, i) => approx[i] - x));
    const size = norm(exact);
    return diff === 0 ? 0 : size === 0 ? Infinity : diff / size;
  }

  /**
   * The float core's acceptance criterion (src/claims/model.float-vs-reference.ts), which the
   * leaky-ReLU form inherits through the ReLU kernel's geometry: for o ∈ {L, φ, ∇_w L, ∇_a L},
   * ‖ô − o‖/‖o‖ ≤ max(1e-13, 1e-15/δ), δ = min(φ, π − φ, ‖e + w‖) — 1e-13 away from the
   * ill-conditioned sets φ = 0, φ = π (the bound), u/δ-like near them (at δ ~ 1e-6 the
   * direction v* + v of two rounded unit vectors carries ~u/δ relative error: measured ∇_w errors
   * 1.9e-9 at δ = 8.8e-8, i.e. error·δ ≤ 1.7e-16). Measured worst with δ ≥ 1e-2: 1.0e-15.
   */
  it('should agree to 1e-13 away from φ ∈ {0, π}, and within the inherited u/δ allowance near them', () => {
    const rng = new Rng(13);
    let worstAway = 0;
    for (let trial = 0; trial < 60; trial++) {
      const p = 1 + (trial % 7);
      const k = 1 + (trial % 5);
      const lambda = [0, 0.01, 0.1, 0.5, 1][trial % 5];
      const kind = trial % 4;
      const { t, w: w0, a } = randomPoint(rng, p, k, kind === 1 ? 1e-3 : kind === 2 ? 1e-7 : 1);
      // kind 3: e + w = −1.3(e + w*) + 1e-6 noise, i.e. φ within ~1e-6 of π.
      const w = kind === 3 ? Float64Array.from(t.uStar, (x) => -1.3 * x - t.e + 1e-6 * rng.normal()) : w0;
      const ev = evaluateDual(leakyReluDual(lambda), t, w, a);
      const ref = referenceLeakyRelu({ p, k, w, a, wStar: t.wStar, aStar: t.aStar, lambda });
      const refPhi = Number(ref.phi);
      const delta = Math.min(refPhi, Math.PI - refPhi, ev.normU); // δ = 0 (allowance ∞) where the exact φ is 0 or π
      const errors = [
        relativeError([ev.loss], [Number(ref.loss)]),
        relativeError([ev.phi], [Number(ref.phi)]),
        relativeError(ev.gradW, ref.gradW.map(Number)),
        relativeError(ev.gradA, ref.gradA.map(Number)),
      ];
      for (const e of errors) expect(e, `trial ${trial}: p = ${p}, k = ${k}, λ = ${lambda}, kind ${kind}, δ = ${delta}`).toBeLessThanOrEqual(allowance(delta));
      if (delta >= 1e-2) worstAway = Math.max(worstAway, ...errors);
    }
    expect(worstAway).toBeLessThan(1e-13);
  }, 60_000);

  /**
   * Near φ = π with a = 0 and k = 1, ∇_a L = −κ(cos φ)·a*: for λ = 0 (ReLU) κ ~ (π − φ)³/6π, which
   * V(a − a*) + μ²1ᵀ(a − a*) + γ a* returned as 0 or with relative error 1e3 at π − φ = 1e-6 (before
   * the regrouped form of src/model/activations/dual-population-loss.ts). Measured with it:
   * error·δ ≤ 1.5e-16, i.e. within the allowance by a factor ≥ 6.
   */
  it('should keep ∇_a L accurate near φ = π where κ(cos φ) vanishes (λ = 0, a = 0, k = 1)', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1), Float64Array.of(1.3));
    for (const lambda of [0, 0.01, 0.1]) {
      for (const offset of [1e-3, 1e-6, 1e-9]) {
        const w = Float64Array.from(t.uStar, (x, i) => -1.3 * x - t.e + offset * [0.5, 0.5, -1][i]);
        const a = Float64Array.of(0);
        const ev = evaluateDual(leakyReluDual(lambda), t, w, a);
        const ref = referenceLeakyRelu({ p: 3, k: 1, w, a, wStar: t.wStar, aStar: t.aStar, lambda });
        const delta = Math.PI - Number(ref.phi);
        const error = relativeError(ev.gradA, ref.gradA.map(Number));
        expect(error, `λ = ${lambda}, π − φ = ${delta}`).toBeLessThanOrEqual(allowance(delta));
      }
    }
  });
});
