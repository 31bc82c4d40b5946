/**
 * rebuttal.lemma5-any-w0 — rebuttal l. 21.
 * "Lemma 5 does not require w_0 = 0": D2 (our reading of Lemma 5), ‖e + w_{t+1}‖² =
 * ‖e + w_t‖² + η_w²‖∇_w L‖² at every GD step, holds for any w_0, a_0 and step sizes.
 * Formalization: src/claims/rebuttal.lemma5-any-w0.ts.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/model/population-loss.ts';
import { makeTeacher } from '../src/model/teacher.ts';
import { runTrainSpec } from '../src/io/train-spec.ts';
import { d2Step } from '../src/claims/rebuttal.lemma5-any-w0.ts';
import type { ModelPoint } from '../src/claims/model.point.ts';
import { itReachesRegistryVerdict } from './claim-harness.ts';

/** A point far from w = 0 with aᵀa* < 0 (the angle opens, D3) and a large step. */
const point: ModelPoint = { p: 3, k: 2, w: [2.5, -4, 1], a: [-3, 1], wStar: [0.2, -0.1, 0.3], aStar: [1.5, -0.5] };
const etaW = 7;

describe('rebuttal.lemma5-any-w0', () => {
  it('should grow ‖e + w‖² by exactly η_w²‖∇_w L‖² in a GD step from w_0 ≠ 0', () => {
    const result = runTrainSpec({ ...point, w0: point.w, a0: point.a, etaW, etaA: 0.5, steps: 1 });
    const step = d2Step(point, result.w, etaW);
    expect(step.margin).toBeGreaterThanOrEqual(0);
    const e = 1 / Math.sqrt(3);
    const before = point.w.reduce((s, x) => s + (e + x) ** 2, 0);
    const after = Array.from(result.w).reduce((s, x) => s + (e + x) ** 2, 0);
    expect(after).toBeGreaterThan(before);
  });

  it('should flag a step with a component along e + w (the check can fail)', () => {
    const t = makeTeacher(Float64Array.from(point.wStar), Float64Array.from(point.aStar));
    const { gradW } = evaluate(t, Float64Array.from(point.w), Float64Array.from(point.a));
    const e = 1 / Math.sqrt(3);
    // A step 1e-9·(e + w) longer than GD's, along e + w: D2's cross term is no longer 0.
    const wNext = Float64Array.from(point.w, (x, i) => x - etaW * gradW[i] + 1e-9 * (e + x));
    expect(d2Step(point, wNext, etaW).margin).toBeLessThan(0);
  });

  itReachesRegistryVerdict('rebuttal.lemma5-any-w0');
});
