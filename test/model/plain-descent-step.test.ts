/**
 * The plain GD step (src/model/plain-descent-step.ts) against the cancellation-free kernel
 * (src/model/population-loss.ts): inside its region the plain evaluation and update agree with
 * the kernel's to the accuracy its doc comment states; outside (φ or π − φ below 1/4, ‖e + w‖
 * below 1/2, aᵀa* cancelling) it declines, so that the descent loop takes the kernel's step.
 */
import { describe, expect, it } from 'vitest';
import { lossAndGradient, newLossState } from '../../src/model/population-loss.ts';
import { newPlainSums, plainDescentStep, plainEvaluate, plainSumIterate } from '../../src/model/plain-descent-step.ts';
import { makeTeacher, type Teacher } from '../../src/model/teacher.ts';
import { Rng } from '../../src/random/rng.ts';

function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s);
}

function relativeDifference(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return norm(Array.from(x, (xi, i) => xi - y[i])) / norm(y);
}

/** A random teacher and a student at angle `phi` from it with ‖e + w‖ in [1/2, 5/2], sizes up to 600. */
function randomPoint(rng: Rng, phi: number): { t: Teacher; w: Float64Array; a: Float64Array } {
  const p = 1 + Math.floor(rng.uniform() * 600);
  const k = 1 + Math.floor(rng.uniform() * 600);
  const wStar = rng.fillNormal(new Float64Array(p)).map((x) => x / Math.sqrt(p));
  const aStar = rng.fillNormal(new Float64Array(k));
  const t = makeTeacher(wStar, aStar);
  const xi = rng.fillNormal(new Float64Array(p));
  let along = 0;
  for (let i = 0; i < p; i++) along += xi[i] * t.vStar[i];
  for (let i = 0; i < p; i++) xi[i] -= along * t.vStar[i];
  const xn = norm(xi) || 1;
  const scale = 0.5 + 2 * rng.uniform();
  const w = Float64Array.from(t.vStar, (v, i) => scale * (Math.cos(phi) * v + (Math.sin(phi) * xi[i]) / xn) - t.e);
  const a = rng.fillNormal(new Float64Array(k));
  return { t, w, a };
}

describe('plain GD step: against the cancellation-free kernel', () => {
  /**
   * Measured over 300 points with p, k ≤ 600 and φ uniform in [1/4, π/2] from either side (the
   * region's angles): loss ≤ 2.0e-15, φ ≤ 2.2e-14, and the update (w and a together) ≤ 1.4e-14
   * relative to the kernel's. The tolerances are ten times those.
   */
  it('should evaluate L and φ and step within the stated relative errors inside its region', () => {
    const rng = new Rng(7);
    const worst = { loss: 0, phi: 0, step: 0 };
    for (let trial = 0; trial < 300; trial++) {
      const side = rng.uniform() < 0.5;
      const angle = 0.25 + rng.uniform() * (Math.PI / 2 - 0.25);
      const { t, w, a } = randomPoint(rng, side ? angle : Math.PI - angle);
      const sums = newPlainSums();
      const state = newLossState();
      plainSumIterate(t, w, a, sums);
      if (!plainEvaluate(t, sums, state)) continue; // aᵀa* cancelling: the kernel's step
      const gradW = new Float64Array(t.p);
      const gradA = new Float64Array(t.k);
      const exact = newLossState();
      lossAndGradient(t, w, a, gradW, gradA, exact);
      worst.loss = Math.max(worst.loss, Math.abs(state.loss - exact.loss) / Math.abs(exact.loss));
      worst.phi = Math.max(worst.phi, Math.abs(state.phi - exact.phi) / exact.phi);
      const etaW = 0.3;
      const etaA = 0.2;
      sums.etaW = etaW;
      sums.etaA = etaA;
      const w1 = Float64Array.from(w);
      const a1 = Float64Array.from(a);
      plainDescentStep(t, w1, a1, sums);
      const stepPlain = [...Array.from(w1, (x, i) => x - w[i]), ...Array.from(a1, (x, j) => x - a[j])];
      const stepExact = [...Array.from(gradW, (g) => -etaW * g), ...Array.from(gradA, (g) => -etaA * g)];
      worst.step = Math.max(worst.step, relativeDifference(stepPlain, stepExact));
      // The sums it leaves are those of the new iterate.
      const fresh = newPlainSums();
      plainSumIterate(t, w1, a1, fresh);
      expect(sums.normUSq).toBe(fresh.normUSq);
      expect(sums.aDotAStar).toBe(fresh.aDotAStar);
      expect(sums.sumDiff).toBe(fresh.sumDiff);
    }
    expect(worst.loss).toBeLessThanOrEqual(2e-14);
    expect(worst.phi).toBeLessThanOrEqual(2.2e-13);
    expect(worst.step).toBeLessThanOrEqual(1.4e-13);
  });

  it('should decline near φ = 0, φ = π, e + w = 0 and where aᵀa* cancels', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1), Float64Array.of(1, -0.5));
    const cases: Record<string, [Float64Array, Float64Array]> = {
      'w = w*': [Float64Array.from(t.wStar), Float64Array.of(0.5, 0.5)],
      'φ = π − 1e-6': [Float64Array.from(t.uStar, (x, i) => -2 * x - t.e + (i === 0 ? 1e-6 : 0)), Float64Array.of(0.5, 0.5)],
      '‖e + w‖ = 1e-6': [Float64Array.from(t.vStar, (v) => 1e-6 * v - t.e), Float64Array.of(0.5, 0.5)],
      'aᵀa* = 0': [Float64Array.of(1, 2, 3), Float64Array.of(0.5, 1)],
    };
    for (const [name, [w, a]] of Object.entries(cases)) {
      const sums = newPlainSums();
      plainSumIterate(t, w, a, sums);
      expect(plainEvaluate(t, sums, newLossState()), name).toBe(false);
    }
    const sums = newPlainSums();
    plainSumIterate(t, Float64Array.of(1, 2, 3), Float64Array.of(0.5, 0.7), sums);
    expect(plainEvaluate(t, sums, newLossState())).toBe(true);
  });

  it('should flag a step whose new sums are not finite', () => {
    const t = makeTeacher(Float64Array.of(0.3, -0.2), Float64Array.of(1, -0.5));
    const w = Float64Array.of(1, 2);
    const a = Float64Array.of(0.5, 0.7);
    const sums = newPlainSums();
    plainSumIterate(t, w, a, sums);
    expect(plainEvaluate(t, sums, newLossState())).toBe(true);
    sums.etaW = 1;
    sums.etaA = 1e308;
    expect(plainDescentStep(t, w, a, sums) & 2).toBe(2);
  });
});
