/**
 * The sample-based model with an activation (src/model/activations/activation-sample-model.ts):
 * leaky ReLU of slope 0 is the ReLU sample model bit for bit; the smooth activations' gradients
 * against central differences; the Hermite-dual population loss of the smooth activations against
 * the sample means (the CLT bound); argument checks.
 */
import { describe, expect, it } from 'vitest';
import type { Activation } from '../../../src/model/activations/activation.ts';
import {
  activationBatchLossAndGradient,
  activationSampleLossAndGradient,
  newActivationScratch,
} from '../../../src/model/activations/activation-sample-model.ts';
import { evaluateDual } from '../../../src/model/activations/dual-population-loss.ts';
import { gelu } from '../../../src/model/activations/gelu.ts';
import { hermiteDual } from '../../../src/model/activations/hermite-dual.ts';
import { leakyRelu } from '../../../src/model/activations/leaky-relu.ts';
import { softplus } from '../../../src/model/activations/softplus.ts';
import { tanh } from '../../../src/model/activations/tanh.ts';
import { gaussianBatch } from '../../../src/model/gaussian-batch.ts';
import { batchLossAndGradient } from '../../../src/model/sample-model.ts';
import { makeTeacher, type Teacher } from '../../../src/model/teacher.ts';
import { Rng } from '../../../src/random/rng.ts';

const SMOOTH: readonly Activation[] = [softplus, tanh, gelu];

function problem(rng: Rng, p: number, k: number): { t: Teacher; w: Float64Array; a: Float64Array } {
  const t = makeTeacher(rng.fillNormal(new Float64Array(p)).map((x) => 0.5 * x), rng.fillNormal(new Float64Array(k)));
  return { t, w: rng.fillNormal(new Float64Array(p)), a: rng.fillNormal(new Float64Array(k)) };
}

describe('activation-sample-model', () => {
  it('should be the ReLU sample model, bit for bit, for leaky ReLU with λ = 0', () => {
    const rng = new Rng(31);
    const relu = leakyRelu(0);
    for (let trial = 0; trial < 5; trial++) {
      const { t, w, a } = problem(rng, 3 + trial, 2 + trial);
      const batch = gaussianBatch(rng, 200, t.k, t.p);
      const g1 = [new Float64Array(t.p), new Float64Array(t.k)];
      const g2 = [new Float64Array(t.p), new Float64Array(t.k)];
      expect(activationBatchLossAndGradient(relu, t, batch, w, a, g1[0], g1[1])).toBe(batchLossAndGradient(t, batch, w, a, g2[0], g2[1]));
      expect(Array.from(g1[0])).toEqual(Array.from(g2[0]));
      expect(Array.from(g1[1])).toEqual(Array.from(g2[1]));
    }
  });

  it('should give the gradient of the batch loss (central differences) for softplus, tanh and GELU', () => {
    const rng = new Rng(32);
    for (const sigma of SMOOTH) {
      const { t, w, a } = problem(rng, 4, 3);
      const batch = gaussianBatch(rng, 50, 3, 4);
      const gradW = new Float64Array(4);
      const gradA = new Float64Array(3);
      activationBatchLossAndGradient(sigma, t, batch, w, a, gradW, gradA);
      const loss = (w2: Float64Array, a2: Float64Array): number =>
        activationBatchLossAndGradient(sigma, t, batch, w2, a2, new Float64Array(4), new Float64Array(3));
      const h = 1e-6;
      const scale = Math.hypot(...gradW, ...gradA);
      // Central differences: truncation O(h²) ~ 1e-12, rounding ~ 1e-16·L/h ~ 1e-10 relative.
      for (let i = 0; i < 4; i++) {
        const wp = Float64Array.from(w);
        const wm = Float64Array.from(w);
        wp[i] += h;
        wm[i] -= h;
        expect(Math.abs((loss(wp, a) - loss(wm, a)) / (2 * h) - gradW[i]), `${sigma.name} w[${i}]`).toBeLessThan(1e-8 * scale);
      }
      for (let j = 0; j < 3; j++) {
        const ap = Float64Array.from(a);
        const am = Float64Array.from(a);
        ap[j] += h;
        am[j] -= h;
        expect(Math.abs((loss(w, ap) - loss(w, am)) / (2 * h) - gradA[j]), `${sigma.name} a[${j}]`).toBeLessThan(1e-8 * scale);
      }
    }
  });

  it('should average to the Hermite-dual population loss and gradients within the CLT bound', () => {
    // N = 32 768 inputs per point, loss z = 5, gradient coordinates z = 5.6 (as the leaky-ReLU
    // test), 2 points per activation.
    const n = 32_768;
    const rng = new Rng(33);
    for (const sigma of SMOOTH) {
      const dual = hermiteDual(sigma);
      for (let point = 0; point < 2; point++) {
        const { t, w, a } = problem(rng, 3, 3);
        const batch = gaussianBatch(rng, n, 3, 3);
        const scratch = newActivationScratch(3, 3);
        const gradW = new Float64Array(3);
        const gradA = new Float64Array(3);
        const sum = new Float64Array(7);
        const sumSq = new Float64Array(7);
        for (let i = 0; i < n; i++) {
          const values = [activationSampleLossAndGradient(sigma, t, batch, i, w, a, gradW, gradA, scratch), ...gradW, ...gradA];
          values.forEach((x, q) => {
            sum[q] += x;
            sumSq[q] += x * x;
          });
        }
        const ev = evaluateDual(dual, t, w, a);
        [ev.loss, ...ev.gradW, ...ev.gradA].forEach((x, q) => {
          const mean = sum[q] / n;
          const se = Math.sqrt((sumSq[q] / n - mean * mean) / n);
          expect(Math.abs(mean - x) / se, `${sigma.name}, point ${point}, quantity ${q}`).toBeLessThan(q === 0 ? 5 : 5.6);
        });
      }
    }
  }, 60_000);

  it('should reject wrong shapes and a bad sample index, naming the value', () => {
    const { t, w, a } = problem(new Rng(34), 3, 2);
    const batch = gaussianBatch(new Rng(1), 4, 2, 3);
    expect(() => activationBatchLossAndGradient(tanh, t, batch, new Float64Array(2), a, new Float64Array(3), new Float64Array(2))).toThrow(
      new RangeError('w must have length p = 3 (got 2)'),
    );
    expect(() => activationSampleLossAndGradient(tanh, t, batch, 4, w, a, new Float64Array(3), new Float64Array(2))).toThrow(
      new RangeError('sample index i must be an integer in [0, n) = [0, 4) (got 4)'),
    );
    expect(() => activationBatchLossAndGradient(tanh, t, gaussianBatch(new Rng(1), 4, 3, 3), w, a, new Float64Array(3), new Float64Array(2))).toThrow(
      new RangeError("batch.k must equal the teacher's k = 2 (got 3)"),
    );
  });
});
