/**
 * model.monte-carlo — THEORY.md §2: the closed-form loss and gradients are the expectations of
 * the per-sample loss and gradient. Formalization, confidence levels and power:
 * src/claims/model.monte-carlo.ts. Besides the registry verdict, the power of the check at its
 * N_MC: closed forms with planted errors of about 10% must be flagged by the same check.
 *
 * Measured |m − wrong|/bound: loss h → 0.9·h 3.3 (the correct form: 0.13), loss π − 1 → π 11;
 * ∇_a with h → 0.9·h 1.8 (worst coordinate), ∇_w with π − φ → π 3.2 (the correct forms: ≤ 0.24).
 */
import { describe, expect, it } from 'vitest';
import { checkGradient, checkLoss, closedForm, describeFailures, monteCarlo } from '../src/claims/model.monte-carlo.ts';
import { makeTeacher, type Teacher } from '../src/model/teacher.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** Fixed examples for the power demonstrations (p = k = 4; w far from w*, φ ≈ 1.3). */
function powerExample(): { t: Teacher; w: Float64Array; aEqual: Float64Array; aOther: Float64Array } {
  const t = makeTeacher(Float64Array.of(0.3, -0.2, 0.1, 0.4), Float64Array.of(1, -0.5, 0.8, 0.3));
  return {
    t,
    w: Float64Array.of(-1, 0.5, 0.2, -0.3),
    aEqual: Float64Array.from(t.aStar),
    aOther: Float64Array.of(0.2, 0.3, -0.4, 0.1),
  };
}

const INV_2PI = 1 / (2 * Math.PI);
const INV_4PI = 1 / (4 * Math.PI);

describe('model.monte-carlo', () => {
  itReachesRegistryVerdict('model.monte-carlo');

  it('should accept the correct closed-form loss and flag a planted h → 0.9·h at the same N_MC', () => {
    // a = a*: L = h(φ)‖a*‖²/(2π) exactly, so the planted form is wrong by 10% of L.
    const { t, w, aEqual } = powerExample();
    const cf = closedForm(t, w, aEqual);
    const mc = monteCarlo(t, w, aEqual, 1);
    const good = checkLoss(cf.loss, mc);
    expect(good.ok, describeFailures([good])).toBe(true);
    const wrong = cf.loss - 0.1 * cf.state.h * cf.state.aDotAStar * INV_2PI;
    const bad = checkLoss(wrong, mc);
    expect(bad.ok).toBe(false);
    // The margin: the planted error exceeds the bound by well over the MC noise (σ̂/√n ≈ 0.7% of L).
    expect(Math.abs(mc.lossMean - wrong) / bad.bound).toBeGreaterThan(2);
  });

  it('should flag a planted (π − 1) → π in the loss at the same N_MC', () => {
    const { t, w, aOther } = powerExample();
    const cf = closedForm(t, w, aOther);
    const mc = monteCarlo(t, w, aOther, 2);
    expect(checkLoss(cf.loss, mc).ok).toBe(true);
    let sq = 0;
    for (let j = 0; j < t.k; j++) sq += (aOther[j] - t.aStar[j]) ** 2;
    const wrong = cf.loss + sq * INV_4PI; // (π−1)‖a − a*‖²/4π → π‖a − a*‖²/4π
    expect(checkLoss(wrong, mc).ok).toBe(false);
  });

  it('should flag planted gradient errors (h → 0.9·h in ∇_a, π − φ → π in ∇_w) at the same N_MC', () => {
    const { t, w, aOther } = powerExample();
    const cf = closedForm(t, w, aOther);
    const mc = monteCarlo(t, w, aOther, 3);
    const good = checkGradient(t, aOther, cf.gradW, cf.gradA, cf.state, mc);
    expect(good.every((c) => c.ok), describeFailures(good)).toBe(true);
    const wrongA = cf.gradA.map((g, j) => g - 0.1 * cf.state.h * t.aStar[j] * INV_2PI);
    expect(checkGradient(t, aOther, cf.gradW, wrongA, cf.state, mc).some((c) => !c.ok)).toBe(true);
    const wrongW = cf.gradW.map((g) => (g * Math.PI) / cf.state.piMinusPhi);
    expect(checkGradient(t, aOther, wrongW, cf.gradA, cf.state, mc).some((c) => !c.ok)).toBe(true);
  });

});
